//! The ordered-writing scheduler of a run: workers claim blocks of reports in
//! order, no further ahead of the writing than a bound (so memory does not grow
//! with the archive), and hand each finished block over; whichever worker's block
//! is due writes it and every block after it that is ready. There is no writer
//! thread, so N threads do all the work (with `RAYON_NUM_THREADS=1`, one thread
//! does). What a block is and how it is written is the pipeline's business.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

/// Finished buffers ready to be filled again: reusing them spares a block the
/// growing of its buffers from nothing (copies and page faults). At most one per
/// block in flight is kept, and none bigger than [`SPARE_MAX`] bytes.
pub(crate) struct Spare<T>(Mutex<Vec<T>>);

impl<T> Default for Spare<T> {
    fn default() -> Self {
        Spare(Mutex::new(Vec::new()))
    }
}

/// Bytes of buffers past which a block's are dropped, not kept: one huge report
/// must not hold its memory for the rest of the run.
pub(crate) const SPARE_MAX: usize = 8 << 20;

impl<T: Default> Spare<T> {
    /// Kept buffers, or new ones.
    pub(crate) fn take(&self) -> T {
        let mut v = self.0.lock().unwrap_or_else(|e| e.into_inner());
        v.pop().unwrap_or_default()
    }

    /// Keeps emptied buffers holding `bytes` of capacity, unless they are too big.
    pub(crate) fn give(&self, buffers: T, bytes: usize) {
        if bytes <= SPARE_MAX {
            self.0
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(buffers);
        }
    }
}

/// Blocks finished out of order, waiting for the ones before them, and whether a
/// worker is writing.
pub(crate) struct Ordered<B> {
    waiting: BTreeMap<usize, crate::Result<B>>,
    writing: bool,
}

impl<B> Default for Ordered<B> {
    fn default() -> Self {
        Ordered {
            waiting: BTreeMap::new(),
            writing: false,
        }
    }
}

/// The writing state `W`, held by whichever worker writes, with the next block due
/// and the first failure.
pub(crate) struct Turn<W> {
    pub(crate) state: W,
    /// The next block to write.
    pub(crate) next: usize,
    pub(crate) failed: Option<crate::Error>,
}

impl<W> Turn<W> {
    pub(crate) fn new(state: W) -> Turn<W> {
        Turn {
            state,
            next: 0,
            failed: None,
        }
    }
}

/// The error of a run whose writing state a panicking worker left behind.
pub(crate) fn poisoned() -> crate::Error {
    crate::Error::Internal("a worker stopped unexpectedly while writing".into())
}

/// Hands finished block `b` over. The worker whose block is the next one due
/// writes it with `write`, and every block after it that is ready; the role is
/// taken and given back under the `ordered` lock, so a block is never left waiting
/// with nobody writing. A failed block (or write) stops the run: nothing after it
/// is written and no new block is claimed.
pub(crate) fn deliver<B, W>(
    b: usize,
    block: crate::Result<B>,
    ordered: &Mutex<Ordered<B>>,
    turn: &Mutex<Turn<W>>,
    flow: &Flow,
    write: &(dyn Fn(&mut W, B) -> crate::Result<()> + Sync),
    progress: &dyn Fn(usize),
) {
    {
        let mut o = ordered.lock().unwrap_or_else(|e| e.into_inner());
        o.waiting.insert(b, block);
        if o.writing {
            return;
        }
        o.writing = true;
    }
    let mut t = turn.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        let due = {
            let mut o = ordered.lock().unwrap_or_else(|e| e.into_inner());
            match o.waiting.remove(&t.next) {
                Some(block) if t.failed.is_none() => block,
                _ => {
                    o.writing = false;
                    return;
                }
            }
        };
        let t = &mut *t;
        match due.and_then(|block| write(&mut t.state, block)) {
            Ok(()) => {
                t.next += 1;
                flow.written(t.next);
                progress(t.next);
            }
            Err(e) => {
                // The other workers stop claiming blocks; the error is returned
                // once they have.
                t.failed = Some(e);
                flow.stop();
            }
        }
    }
}

/// Which block the workers take next, and how far ahead of the writing they may
/// run.
pub(crate) struct Flow {
    next: AtomicUsize,
    /// Blocks written, and whether the run stopped (an error).
    state: Mutex<(usize, bool)>,
    moved: Condvar,
    ahead: usize,
}

impl Flow {
    pub(crate) fn new(ahead: usize) -> Flow {
        Flow {
            next: AtomicUsize::new(0),
            state: Mutex::new((0, false)),
            moved: Condvar::new(),
            ahead: ahead.max(1),
        }
    }

    /// The next block to work on, once the writing is close enough behind it;
    /// `None` when every block is taken or the run stopped.
    pub(crate) fn claim(&self, blocks: usize) -> Option<usize> {
        let b = self.next.fetch_add(1, Ordering::Relaxed);
        if b >= blocks {
            return None;
        }
        // Blocks are claimed in order, so every block before `b` is being worked
        // on: the writing reaches `b - ahead` without this worker.
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while !st.1 && b >= st.0 + self.ahead {
            st = self.moved.wait(st).unwrap_or_else(|e| e.into_inner());
        }
        (!st.1).then_some(b)
    }

    fn written(&self, blocks: usize) {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        st.0 = blocks;
        drop(st);
        self.moved.notify_all();
    }

    fn stop(&self) {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        st.1 = true;
        drop(st);
        self.moved.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A worker may claim a block only while it is fewer than `ahead` blocks past
    /// what is written: the bound on memory.
    #[test]
    fn claims_wait_for_the_writing_to_catch_up() {
        let flow = Flow::new(2);
        assert_eq!(flow.claim(10), Some(0));
        assert_eq!(flow.claim(10), Some(1));
        let got = std::thread::scope(|s| {
            let h = s.spawn(|| flow.claim(10));
            std::thread::sleep(std::time::Duration::from_millis(100));
            assert!(
                !h.is_finished(),
                "block 2 must wait while 0 and 1 are unwritten"
            );
            flow.written(1);
            h.join().expect("join")
        });
        assert_eq!(got, Some(2));
        flow.written(10);
        assert_eq!(flow.claim(3), None, "past the last of 3 blocks");
    }

    /// Emptied buffers are kept for the next block, unless they grew past the cap.
    #[test]
    fn spare_buffers_are_kept_only_when_small() {
        let spare: Spare<Vec<u8>> = Spare::default();
        spare.give(Vec::with_capacity(1 << 10), 1 << 10);
        spare.give(Vec::with_capacity(16), SPARE_MAX + 1);
        assert_eq!(spare.0.lock().expect("lock").len(), 1);
        assert!(spare.take().capacity() >= 1 << 10);
        assert_eq!(spare.take().capacity(), 0, "none left: a new one");
    }

    /// Blocks are written in order whoever delivers them, and a failed block stops
    /// the run: nothing after it is written and no new block is claimed.
    #[test]
    fn blocks_go_out_in_order_and_a_failure_stops_the_rest() {
        // The writing state is the list of blocks written.
        let turn = Mutex::new(Turn::new(Vec::<usize>::new()));
        let ordered = Mutex::new(Ordered::default());
        let flow = Flow::new(8);
        let seen = Mutex::new(Vec::new());
        let progress = |n: usize| seen.lock().expect("lock").push(n);
        let write = |w: &mut Vec<usize>, b: usize| {
            w.push(b);
            Ok(())
        };
        let next = || turn.lock().expect("lock").next;

        deliver(1, Ok(1), &ordered, &turn, &flow, &write, &progress);
        assert_eq!(next(), 0, "block 1 waits for block 0");
        deliver(0, Ok(0), &ordered, &turn, &flow, &write, &progress);
        assert_eq!(next(), 2);
        deliver(3, Ok(3), &ordered, &turn, &flow, &write, &progress);
        let failed = Err(crate::Error::Internal("disk full".into()));
        deliver(2, failed, &ordered, &turn, &flow, &write, &progress);
        assert_eq!(next(), 2, "nothing is written after a failed block");
        let t = turn.lock().expect("lock");
        assert_eq!(t.state, vec![0, 1]);
        assert!(matches!(&t.failed, Some(crate::Error::Internal(m)) if m == "disk full"));
        drop(t);
        assert_eq!(*seen.lock().expect("lock"), vec![1, 2]);
        assert_eq!(flow.claim(100), None, "no block is claimed after a failure");
        assert!(!ordered.lock().expect("lock").writing);
    }
}
