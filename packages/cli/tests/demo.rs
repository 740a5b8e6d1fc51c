//! `btp demo` from the library: it must finish with every balance exact.

#[test]
fn the_demo_runs_and_every_balance_is_exact() {
    let mut output = Vec::new();
    btp_cli::demo::run(&mut output).unwrap();
    let output = String::from_utf8(output).unwrap();
    assert!(
        output.contains("demo passed: every message proven, every balance exact"),
        "{output}"
    );
    assert!(!output.contains("WRONG"), "{output}");
    // The timed-out transfer: refunded once by proof, its late reply ignored.
    assert_eq!(
        output.matches("refunded (timed out)").count(),
        1,
        "{output}"
    );
    assert!(output.contains("not executed (code 10)"), "{output}");
    assert!(output.contains("ignored"), "{output}");
}
