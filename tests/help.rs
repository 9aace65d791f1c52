//! `--help` shows examples: for the tool, and for every subcommand (issue 6: most
//! users are not programmers and learn a command from an example).

use crate::util::zfxxgk;

/// The subcommands listed by `zfxxgk --help` (the `help` command aside).
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn every_subcommand_has_an_example() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = zfxxgk(dir.path(), &["--help"], &[]);
    assert!(o.status.success());
    let top = String::from_utf8(o.stdout).expect("utf-8");
    assert!(
        top.contains("Examples:\n  zfxxgk extract samples/"),
        "{top}"
    );
    let cmds = subcommands(&top);
    assert!(cmds.contains(&"extract".to_string()), "{cmds:?}");
    assert!(cmds.contains(&"templates".to_string()), "{cmds:?}");
    for cmd in cmds {
        let o = zfxxgk(dir.path(), &[&cmd, "--help"], &[]);
        assert!(o.status.success(), "{cmd} --help");
        let help = String::from_utf8(o.stdout).expect("utf-8");
        assert!(
            help.contains("Example") && help.contains(&format!("  zfxxgk {cmd} ")),
            "`zfxxgk {cmd} --help` shows no example: give the subcommand an \
             after_help with `Examples:` and a command line\n{help}"
        );
    }
}
