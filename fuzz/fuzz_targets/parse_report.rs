//! Any bytes through the single-report parser: it must return a report, never
//! panic, never hang. Beyond "no panic", it checks what every report promises:
//! a status with a message when not ok, and cells whose raw text lies in the text.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let r = zfxxgk::parse_report("fuzz.txt", data);
    assert!(r.status == zfxxgk::Status::Ok || !r.message.is_empty());
    for (_, slot) in r.keyed_cells() {
        if let Some(s) = slot {
            assert!(r.text.get(s.raw.0..s.raw.1).is_some());
        }
    }
});
