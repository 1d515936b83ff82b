//! The `soapgen` command: exit codes, output file, errors on stderr.

use std::path::Path;
use std::process::Command;

fn soapgen() -> Command {
    Command::new(env!("CARGO_BIN_EXE_soapgen"))
}

fn golden(case: &str, file: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(case)
        .join(file)
}

#[test]
fn generate_writes_the_file() {
    let out = std::env::temp_dir().join(format!("soapgen-cli-{}.rs", std::process::id()));
    let status = soapgen()
        .args(["generate", "--wsdl"])
        .arg(golden("service", "service.wsdl"))
        .args([
            "--user-message",
            "{urn:golden:service:msg}shopError=userMessage",
            "--out",
        ])
        .arg(&out)
        .output()
        .expect("run soapgen");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let code = std::fs::read_to_string(&out).expect("output");
    let expected = std::fs::read_to_string(golden("service", "expected.rs")).expect("golden");
    assert_eq!(code, expected);
    let _ = std::fs::remove_file(out);
}

#[test]
fn generate_fails_with_every_problem_located() {
    let out = std::env::temp_dir().join(format!("soapgen-cli-missing-{}.rs", std::process::id()));
    let result = soapgen()
        .args([
            "generate",
            "--wsdl",
            "does-not-exist.wsdl",
            "--xsd",
            "nor-this.xsd",
            "--out",
        ])
        .arg(&out)
        .output()
        .expect("run soapgen");
    assert!(!result.status.success());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("does-not-exist.wsdl"), "{stderr}");
    assert!(stderr.contains("nor-this.xsd"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn inspect_lists_services_operations_and_types() {
    let result = soapgen()
        .arg("inspect")
        .arg(golden("service", "service.wsdl"))
        .output()
        .expect("run soapgen");
    assert!(result.status.success());
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert!(stdout.contains("Service: ShopService"), "{stdout}");
    assert!(stdout.contains("getOrder(msg::GetOrder)"), "{stdout}");
    assert!(
        stdout.contains("fault ShopErrorException: msg::ShopError"),
        "{stdout}"
    );
    assert!(stdout.contains("Order: struct"), "{stdout}");
    let model = soapgen()
        .arg("inspect")
        .arg(golden("sequence", "schema.xsd"))
        .args(["--stage", "model"])
        .output()
        .expect("run soapgen");
    assert!(model.status.success());
    assert!(String::from_utf8_lossy(&model.stdout).contains("Person"));
}
