//! What the generator cannot express is reported per construct, with its
//! place: returned by the builder API, printed by `soapgen generate`, listed
//! by `soapgen inspect` (tests/cli.rs checks the command).

use std::path::PathBuf;

use soap_codegen::{Config, WarningKind};

fn wsdl() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/warnings/service.wsdl")
}

#[test]
fn every_dropped_construct_is_a_located_warning() {
    let (code, warnings) = Config::new()
        .wsdl(wsdl())
        .generate_string_report()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(code.contains("pub struct BookingServiceClient"), "{code}");
    let placed: Vec<(u32, u32, &WarningKind)> = warnings
        .iter()
        .map(|w| (w.location.line, w.location.col, &w.kind))
        .collect();
    assert_eq!(
        placed,
        [
            (
                31,
                14,
                &WarningKind::HeaderDropped {
                    operation: "book".into(),
                    direction: "input",
                    message: "{urn:golden:warnings}session".into(),
                    part: "session".into(),
                }
            ),
            (
                43,
                5,
                &WarningKind::PortSkipped {
                    service: "BookingService".into(),
                    port: "BookingHttp".into(),
                    protocol: "not SOAP",
                }
            ),
        ]
    );
    assert!(warnings.iter().all(|w| w.location.file == wsdl()));
    let shown = warnings[0].to_string();
    assert!(
        shown.ends_with("service.wsdl:31:14: warning: input header part `session` of message `{urn:golden:warnings}session` (operation `book`) has a type, not an element: calls do not carry it"),
        "{shown}"
    );
}

#[test]
fn generate_report_returns_the_warnings_and_the_file() {
    let out = std::env::temp_dir().join(format!("soap-codegen-warnings-{}.rs", std::process::id()));
    let report = Config::new()
        .wsdl(wsdl())
        .out_file(&out)
        .emit_rerun_if_changed(false)
        .generate_report()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.path, out);
    assert_eq!(report.warnings.len(), 2);
    assert_eq!(
        Config::new().wsdl(wsdl()).warnings().map(|w| w.len()).ok(),
        Some(2)
    );
    let _ = std::fs::remove_file(out);
}

#[test]
fn a_schema_without_dropped_constructs_has_no_warnings() {
    let service =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/service/service.wsdl");
    let warnings = Config::new().wsdl(service).warnings();
    assert_eq!(warnings.map(|w| w.len()).ok(), Some(0));
}
