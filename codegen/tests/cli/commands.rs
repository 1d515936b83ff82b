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

#[test]
fn out_dash_writes_the_code_to_stdout() {
    let result = soapgen()
        .args(["generate", "--wsdl"])
        .arg(golden("service", "service.wsdl"))
        .args([
            "--user-message",
            "{urn:golden:service:msg}shopError=userMessage",
            "--out",
            "-",
        ])
        .current_dir(std::env::temp_dir())
        .output()
        .expect("run soapgen");
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let expected = std::fs::read_to_string(golden("service", "expected.rs")).expect("golden");
    assert_eq!(String::from_utf8_lossy(&result.stdout), expected);
    assert!(!std::env::temp_dir().join("-").exists());
}

#[test]
fn an_unknown_operation_is_an_error_with_close_names_and_writes_nothing() {
    let out = std::env::temp_dir().join(format!("soapgen-cli-op-{}.rs", std::process::id()));
    let result = soapgen()
        .args(["generate", "--wsdl"])
        .arg(golden("service", "service.wsdl"))
        .args(["--operation", "getOrder", "--operation", "getOrdr"])
        .args(["--operation", "zzz", "--out"])
        .arg(&out)
        .output()
        .expect("run soapgen");
    assert!(!result.status.success());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("no operation is named `getOrdr` (did you mean `getOrder`?)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("no operation is named `zzz` (none of the 5 operations is close"),
        "{stderr}"
    );
    assert!(!stderr.contains("`getOrder` (did"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn a_closed_stdout_ends_quietly() {
    use std::process::Stdio;
    // Far more output than a pipe buffers, so writing after the reader is gone fails.
    let types: String = (0..1500)
        .map(|i| {
            format!(
                "<xs:complexType name='type{i}'><xs:sequence><xs:element name='a' type='xs:string'/>\
                 <xs:element name='b' type='xs:int' minOccurs='0'/></xs:sequence></xs:complexType>"
            )
        })
        .collect();
    let schema = std::env::temp_dir().join(format!("soapgen-cli-big-{}.xsd", std::process::id()));
    std::fs::write(
        &schema,
        format!(
            "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema' targetNamespace='urn:big'>{types}</xs:schema>"
        ),
    )
    .expect("write schema");
    for args in [
        &["inspect", "--stage", "parse"][..],
        &["inspect", "--json"][..],
        &["inspect"][..],
    ] {
        let mut child = soapgen()
            .args(args)
            .arg(&schema)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run soapgen");
        drop(child.stdout.take());
        let result = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(result.status.success(), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
    let _ = std::fs::remove_file(schema);
}

#[test]
fn inspect_text_shows_xml_names_actions_and_choice_arms() {
    let result = soapgen()
        .arg("inspect")
        .arg(golden("service", "service.wsdl"))
        .output()
        .expect("run soapgen");
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert!(stdout.contains("SOAP 1.1, document"), "{stdout}");
    assert!(
        stdout.contains("getOrder(msg::GetOrder) -> msg::Order [get_order]"),
        "{stdout}"
    );
    assert!(stdout.contains("SOAPAction: urn:getOrder"), "{stdout}");
    assert!(
        stdout.contains("in: {urn:golden:service:msg}getOrder"),
        "{stdout}"
    );
    let choice = soapgen()
        .arg("inspect")
        .arg(golden("choice", "schema.xsd"))
        .output()
        .expect("run soapgen");
    let stdout = String::from_utf8_lossy(&choice.stdout);
    assert!(
        stdout.contains(" = "),
        "choice arms with their types: {stdout}"
    );
}

#[test]
fn a_location_outside_the_wsdl_tree_needs_allow_path() {
    let dir = std::env::temp_dir().join(format!("soapgen-cli-confine-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("tree")).unwrap();
    std::fs::create_dir_all(dir.join("shared")).unwrap();
    std::fs::write(
        dir.join("shared/o.xsd"),
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:o"><xs:element name="o" type="xs:string"/></xs:schema>"#,
    )
    .unwrap();
    let root = dir.join("tree/root.xsd");
    std::fs::write(
        &root,
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:r\">\n  <xs:import namespace=\"urn:o\" schemaLocation=\"../shared/o.xsd\"/></xs:schema>",
    )
    .unwrap();
    let refused = soapgen()
        .args(["generate", "--out", "-", "--xsd"])
        .arg(&root)
        .output()
        .expect("run soapgen");
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{}:2:3: location `../shared/o.xsd`",
            root.display()
        )),
        "{stderr}"
    );
    assert!(refused.stdout.is_empty());
    for command in ["generate", "inspect"] {
        let mut cmd = soapgen();
        cmd.arg(command);
        if command == "generate" {
            cmd.args(["--out", "-", "--xsd"]);
        }
        let allowed = cmd
            .arg(&root)
            .arg("--allow-path")
            .arg(dir.join("shared"))
            .output()
            .expect("run soapgen");
        assert!(
            allowed.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&allowed.stderr)
        );
        assert!(!allowed.stdout.is_empty(), "{command}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn generate_prints_warnings_and_inspect_lists_them() {
    let generated = soapgen()
        .args(["generate", "--out", "-", "--wsdl"])
        .arg(golden("warnings", "service.wsdl"))
        .output()
        .expect("run soapgen");
    assert!(generated.status.success());
    let stderr = String::from_utf8_lossy(&generated.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[1].ends_with("service.wsdl:43:5: warning: port `BookingHttp` of service `BookingService` (not SOAP) is skipped: only SOAP 1.1 and 1.2 ports are generated"),
        "{stderr}"
    );
    let inspected = soapgen()
        .args(["inspect", "--json"])
        .arg(golden("warnings", "service.wsdl"))
        .output()
        .expect("run soapgen");
    let json: serde_json::Value =
        serde_json::from_slice(&inspected.stdout).expect("inspect --json is JSON");
    let warnings = json["warnings"].as_array().cloned().unwrap_or_default();
    assert_eq!(warnings.len(), 2, "{json}");
    assert_eq!(warnings[0]["line"], 31);
    assert_eq!(warnings[0]["column"], 14);
    let text = soapgen()
        .arg("inspect")
        .arg(golden("warnings", "service.wsdl"))
        .output()
        .expect("run soapgen");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Not generated:\n  line 31, column 14: input header part `session`"),
        "{text}"
    );
    assert!(
        text.contains("AnyParty: polymorphic party = Party xsi:type=party: msg::Party | Company xsi:type=company: msg::Company"),
        "{text}"
    );
}

#[test]
fn inspect_lists_each_operations_headers_and_their_rust_names() {
    let wsdl = golden("headers", "service.wsdl");
    let inspected = soapgen()
        .args(["inspect", "--json"])
        .arg(&wsdl)
        .output()
        .expect("run soapgen");
    assert!(inspected.status.success());
    let json: serde_json::Value =
        serde_json::from_slice(&inspected.stdout).expect("inspect --json is JSON");
    let ops = &json["services"][0]["ports"][0]["operations"];
    let book = &ops[0]["headers"];
    assert_eq!(book["rust_method"], "book_with_headers");
    assert_eq!(book["input_rust_type"], "headers::BookRequestHeaders");
    assert_eq!(book["output_rust_type"], "headers::BookResponseHeaders");
    let input: Vec<(String, String, String, String)> = book["input"]
        .as_array()
        .expect("input headers")
        .iter()
        .map(|h| {
            (
                h["message"].as_str().unwrap_or_default().to_owned(),
                h["element"]["name"].as_str().unwrap_or_default().to_owned(),
                h["rust_field"].as_str().unwrap_or_default().to_owned(),
                h["rust_type"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let row = |m: &str, e: &str, f: &str, t: &str| (m.into(), e.into(), f.into(), t.into());
    assert_eq!(
        input,
        [
            row(
                "{urn:golden:headers}sessionHeader",
                "session",
                "session",
                "h::Session"
            ),
            row(
                "{urn:golden:headers}transactionHeader",
                "transaction",
                "transaction",
                "h::Transaction"
            ),
            row(
                "{urn:golden:headers}bookRequest",
                "apiKey",
                "api_key",
                "String"
            ),
        ]
    );
    assert_eq!(book["output"][0]["rust_type"], "h::Quota");
    let ping = &ops[1]["headers"];
    assert_eq!(ping["input"].as_array().map(Vec::len), Some(0));
    assert_eq!(ping["output_rust_type"], "headers::PingResponseHeaders");
    assert!(ping.get("input_rust_type").is_none(), "{ping}");
    assert_eq!(json["warnings"].as_array().map(Vec::len), Some(0), "{json}");

    let text = soapgen()
        .arg("inspect")
        .arg(&wsdl)
        .output()
        .expect("run soapgen");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("header in: {urn:golden:headers:h}apiKey (message {urn:golden:headers}bookRequest, part apiKey) -> headers::BookRequestHeaders.api_key: String"),
        "{text}"
    );
    assert!(
        text.contains("header out: {urn:golden:headers:h}transaction (message {urn:golden:headers}transactionHeader, part transaction) -> headers::PingResponseHeaders.transaction: h::Transaction"),
        "{text}"
    );
    assert!(text.contains("with headers: ping_with_headers"), "{text}");
}
