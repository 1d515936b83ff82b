//! `aftershop decode`, run as a process: inline envelopes, plus the documented
//! examples and seed envelopes from `../shared` when it is there.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{json, Value};

const SOAP: &str = "http://schemas.xmlsoap.org/soap/envelope/";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        match serde_json::from_str(&self.stdout) {
            Ok(json) => json,
            Err(e) => panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            ),
        }
    }
}

/// Runs `aftershop decode <args>` with `stdin` as standard input.
fn decode(args: &[&str], stdin: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_aftershop"))
        .arg("decode")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn aftershop");
    if let Some(mut input) = child.stdin.take() {
        // The command may exit before reading everything (a bad argument).
        let _ = input.write_all(stdin.as_bytes());
    }
    let out = child.wait_with_output().expect("wait for aftershop");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn decode_file(op: &str, side: &str, file: &Path) -> Run {
    let file = file.to_str().expect("UTF-8 path");
    decode(&["--operation", op, side, file], "")
}

fn envelope(body: &str) -> String {
    format!(r#"<soap:Envelope xmlns:soap="{SOAP}"><soap:Body>{body}</soap:Body></soap:Envelope>"#)
}

/// True when `text` has a `line:column` position (`at 3:14`).
fn has_position(text: &str) -> bool {
    text.split(" at ").skip(1).any(|rest| {
        let pos: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ':')
            .collect();
        matches!(pos.split_once(':'), Some((l, c)) if !l.is_empty() && !c.is_empty())
    })
}

const PAYMENT_RESPONSE: &str = r#"
<ns2:getPaymentResponse xmlns:ns2="http://ecommerce.resurs.com/v4/msg/aftershopflow">
  <return>
    <id>P-1</id>
    <totalAmount>0.00000000000000000000</totalAmount>
    <limit>3030.00000</limit>
    <paymentDiffs>
      <type>AUTHORIZE</type>
      <created>2013-07-02T12:51:51+02:00</created>
      <paymentSpec>
        <specLines>
          <id>1</id><artNo>A</artNo><description>Thing</description>
          <quantity>1.00000</quantity><unitMeasure/>
          <unitAmountWithoutVat>-120.00000</unitAmountWithoutVat><vatPct>25</vatPct>
          <totalVatAmount>-30.0</totalVatAmount><totalAmount>-150.0000000000</totalAmount>
        </specLines>
        <totalAmount>-150.0000000000</totalAmount>
        <totalVatAmount>-30.0</totalVatAmount>
      </paymentSpec>
    </paymentDiffs>
    <customer>
      <governmentId>8305147715</governmentId>
      <address><fullName>A B</fullName><firstName>A</firstName><lastName>B</lastName>
        <addressRow1>Gatan 1</addressRow1><postalArea>Göteborg</postalArea>
        <postalCode>41655</postalCode><country>SE</country></address>
      <phone>0707123456</phone>
      <type>NATURAL</type>
    </customer>
    <booked>2013-07-02T12:51:49+02:00</booked>
    <paymentMethodId>Faktura</paymentMethodId>
    <fraud>false</fraud>
    <frozen>true</frozen>
    <status>IS_DEBITED</status>
    <paymentMethodType>SOMETHING_NEWER</paymentMethodType>
  </return>
</ns2:getPaymentResponse>"#;

#[test]
fn payment_response_values_keep_their_lexical_form() {
    let run = decode(
        &["--operation", "getPayment", "--response"],
        &envelope(PAYMENT_RESPONSE),
    );
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let json = run.json();
    let payment = &json["return"];
    assert_eq!(payment["totalAmount"], json!("0.00000000000000000000"));
    assert_eq!(payment["limit"], json!("3030.00000"));
    assert_eq!(payment["booked"], json!("2013-07-02T12:51:49+02:00"));
    assert_eq!(payment["fraud"], json!(false));
    assert_eq!(payment["frozen"], json!(true));
    assert_eq!(payment["status"], json!(["IS_DEBITED"]));
    assert_eq!(payment["paymentMethodType"], json!("SOMETHING_NEWER"));
    assert_eq!(
        payment["customer"]["address"]["postalArea"],
        json!("Göteborg")
    );
    let diffs = payment["paymentDiffs"]
        .as_array()
        .expect("paymentDiffs array");
    assert_eq!(diffs.len(), 1);
    let lines = diffs[0]["paymentSpec"]["specLines"]
        .as_array()
        .expect("specLines array");
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["unitMeasure"], json!(""));
    assert_eq!(lines[0]["unitAmountWithoutVat"], json!("-120.00000"));
    assert_eq!(lines[0]["vatPct"], json!("25"));
    // Absent optional and absent required elements are both left out.
    for absent in [
        "finalized",
        "metaData",
        "paymentMethodName",
        "totalBonusPoints",
    ] {
        assert!(payment.get(absent).is_none(), "{absent} should be omitted");
    }
    assert!(payment["customer"].get("email").is_none());
    // The schema bends are warnings on stderr, one line each, never on stdout.
    assert!(!run.stdout.contains("warning"));
    let warnings: Vec<_> = run.stderr.lines().collect();
    assert!(
        warnings.iter().all(|l| l.starts_with("warning: ")),
        "{warnings:?}"
    );
    for name in ["paymentMethodName", "totalBonusPoints"] {
        let path = format!("warning: Envelope/Body/getPaymentResponse/return/{name}: ");
        assert!(
            warnings.iter().any(|l| l.starts_with(&path)),
            "{warnings:?}"
        );
    }
}

#[test]
fn keys_follow_schema_order() {
    let run = decode(
        &["--operation", "getPayment", "--response"],
        &envelope(PAYMENT_RESPONSE),
    );
    let keys: Vec<String> = run.json()["return"]
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        [
            "id",
            "totalAmount",
            "limit",
            "paymentDiffs",
            "customer",
            "booked",
            "paymentMethodId",
            "fraud",
            "frozen",
            "status",
            "paymentMethodType"
        ]
    );
}

const FAULT: &str = r#"
<soap:Fault>
  <faultcode>soap:Server</faultcode>
  <faultstring>This order group do not exists</faultstring>
  <detail>
    <ns3:ECommerceError xmlns:ns3="http://ecommerce.resurs.com/v4/msg/exception">
      <errorTypeDescription>REFERENCED_DATA_DONT_EXISTS</errorTypeDescription>
      <errorTypeId>8</errorTypeId>
      <fixableByYou>true</fixableByYou>
      <userErrorMessage>Efterfrågad order/betalning kan inte hittas i databasen.</userErrorMessage>
    </ns3:ECommerceError>
  </detail>
</soap:Fault>"#;

#[test]
fn fault_exits_3_with_the_typed_detail() {
    let run = decode(
        &["--operation", "finalize_payment", "--response"],
        &envelope(FAULT),
    );
    assert_eq!(run.code, 3, "stderr: {}", run.stderr);
    assert_eq!(
        run.json(),
        json!({
            "faultcode": "soap:Server",
            "faultstring": "This order group do not exists",
            "detail": {"ECommerceError": {
                "errorTypeDescription": "REFERENCED_DATA_DONT_EXISTS",
                "errorTypeId": 8,
                "fixableByYou": true,
                "userErrorMessage": "Efterfrågad order/betalning kan inte hittas i databasen."
            }}
        })
    );
}

#[test]
fn unknown_fault_detail_is_kept_as_raw_xml() {
    let fault = r#"<soap:Fault><faultcode>soap:Client</faultcode><faultstring>bad</faultstring><faultactor>gw</faultactor><detail><x:Oops xmlns:x="urn:x">why</x:Oops></detail></soap:Fault>"#;
    let run = decode(
        &["--operation", "getPayment", "--response"],
        &envelope(fault),
    );
    assert_eq!(run.code, 3, "stderr: {}", run.stderr);
    let json = run.json();
    assert_eq!(json["faultcode"], json!("soap:Client"));
    assert_eq!(json["faultactor"], json!("gw"));
    let raw = json["detail"].as_str().expect("raw detail string");
    assert!(raw.contains("Oops") && raw.contains("why"), "{raw}");
}

#[test]
fn request_with_nil_empty_string_and_one_line() {
    let body = r#"<ns1:creditPayment xmlns:ns1="http://ecommerce.resurs.com/v4/msg/aftershopflow" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <paymentId>100100446</paymentId>
      <preferredTransactionId xsi:nil="true"/>
      <partPaymentSpec>
        <specLines><id>1</id><artNo>other</artNo><description>Other</description>
          <quantity>1</quantity><unitMeasure/><unitAmountWithoutVat>199</unitAmountWithoutVat>
          <vatPct>0</vatPct><totalVatAmount>0</totalVatAmount><totalAmount>199</totalAmount></specLines>
        <totalAmount>199</totalAmount><totalVatAmount>0</totalVatAmount>
      </partPaymentSpec>
      <createdBy>User</createdBy>
      <creditNoteDate>2015-11-21</creditNoteDate>
    </ns1:creditPayment>"#;
    let run = decode(
        &["--operation", "creditPayment", "--request"],
        &envelope(body),
    );
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(run.stderr, "");
    let json = run.json();
    assert_eq!(json["preferredTransactionId"], Value::Null);
    assert_eq!(json["creditNoteDate"], json!("2015-11-21"));
    assert!(json.get("creditNoteId").is_none());
    let lines = json["partPaymentSpec"]["specLines"]
        .as_array()
        .expect("specLines array");
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["unitMeasure"], json!(""));
    assert_eq!(lines[0]["totalAmount"], json!("199"));
}

#[test]
fn children_in_the_operation_namespace_are_accepted() {
    let body = r#"<additionalDebitOfPayment xmlns="http://ecommerce.resurs.com/v4/msg/aftershopflow">
      <paymentId>300007457</paymentId>
      <paymentSpec><totalAmount>95</totalAmount><totalVatAmount>19</totalVatAmount></paymentSpec>
      <createdBy>User</createdBy>
    </additionalDebitOfPayment>"#;
    let run = decode(
        &["--operation", "additionalDebitOfPayment", "--request"],
        &envelope(body),
    );
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(
        run.json(),
        json!({
            "paymentId": "300007457",
            "paymentSpec": {"totalAmount": "95", "totalVatAmount": "19"},
            "createdBy": "User"
        })
    );
}

#[test]
fn unknown_enum_values_are_their_text() {
    let body = r#"<aft:findPayments xmlns:aft="http://ecommerce.resurs.com/v4/msg/aftershopflow">
      <searchCriteria><statusSet>DEBITABLE</statusSet><statusSet>BRAND_NEW</statusSet></searchCriteria>
    </aft:findPayments>"#;
    let run = decode(
        &["--operation", "findPayments", "--request"],
        &envelope(body),
    );
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(
        run.json()["searchCriteria"]["statusSet"],
        json!(["DEBITABLE", "BRAND_NEW"])
    );
}

#[test]
fn one_document_name_is_still_an_array() {
    let body = r#"<ns2:getPaymentDocumentNamesResponse xmlns:ns2="http://ecommerce.resurs.com/v4/msg/aftershopflow"><return>INVOICE_1</return></ns2:getPaymentDocumentNamesResponse>"#;
    let run = decode(
        &["--operation", "get_payment_document_names", "--response"],
        &envelope(body),
    );
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(run.json(), json!({"return": ["INVOICE_1"]}));
}

#[test]
fn empty_response_is_an_empty_object() {
    let body =
        r#"<a:annulPaymentResponse xmlns:a="http://ecommerce.resurs.com/v4/msg/aftershopflow"/>"#;
    let run = decode(
        &["--operation", "annulPayment", "--response"],
        &envelope(body),
    );
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(run.stdout, "{}\n");
}

#[test]
fn shop_flow_token_operation() {
    let body = r#"<s:invalidateCustomerIdentificationToken xmlns:s="http://ecommerce.resurs.com/v4/msg/shopflow"><token>abc</token></s:invalidateCustomerIdentificationToken>"#;
    let run = decode(
        &[
            "--operation",
            "invalidateCustomerIdentificationToken",
            "--request",
        ],
        &envelope(body),
    );
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(run.json()["token"], json!(["abc"]));
}

#[test]
fn garbage_and_truncated_input_exit_2_with_a_position() {
    let truncated = envelope(PAYMENT_RESPONSE);
    let truncated = &truncated[..truncated.len() / 2];
    for input in ["garbage", "<a><b>", truncated, ""] {
        let run = decode(&["--operation", "getPayment", "--response"], input);
        assert_eq!(run.code, 2, "input {input:?}: {}", run.stderr);
        assert_eq!(run.stdout, "");
        assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
        assert!(has_position(&run.stderr), "no line:col in {}", run.stderr);
    }
}

#[test]
fn envelope_of_another_operation_exits_2() {
    let body = r#"<a:getPayment xmlns:a="http://ecommerce.resurs.com/v4/msg/aftershopflow"><paymentId>x</paymentId></a:getPayment>"#;
    let run = decode(
        &["--operation", "annulPayment", "--request"],
        &envelope(body),
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("getPayment"), "{}", run.stderr);
    assert!(has_position(&run.stderr), "{}", run.stderr);
}

#[test]
fn unknown_operation_exits_2_listing_the_valid_names() {
    let run = decode(&["--operation", "bookPayment", "--request"], "");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bookPayment"), "{}", run.stderr);
    for name in [
        "getPayment",
        "creditPayment",
        "issueCustomerIdentificationToken",
    ] {
        assert!(run.stderr.contains(name), "{}", run.stderr);
    }
}

#[test]
fn direction_is_required() {
    let run = decode(&["--operation", "getPayment"], "");
    assert_eq!(run.code, 2);
    let run = decode(
        &["--operation", "getPayment", "--request", "--response"],
        "",
    );
    assert_eq!(run.code, 2);
}

#[test]
fn file_argument_and_unreadable_file() {
    let dir = std::env::temp_dir().join(format!("aftershop-decode-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("fault.xml");
    std::fs::write(&file, envelope(FAULT)).expect("write envelope");
    let run = decode_file("getPayment", "--response", &file);
    assert_eq!(run.code, 3, "stderr: {}", run.stderr);
    assert_eq!(
        run.json()["detail"]["ECommerceError"]["errorTypeId"],
        json!(8)
    );
    let run = decode_file("getPayment", "--response", &dir.join("missing.xml"));
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("error: cannot read "),
        "{}",
        run.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- ../shared: documented examples and seed envelopes ----

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared is absent");
        None
    }
}

/// The local name of the Body's first element (the operation of a request).
fn body_element(xml: &str) -> String {
    let doc = roxmltree::Document::parse(xml).expect("example parses");
    doc.descendants()
        .find(|n| n.tag_name().name() == "Body")
        .and_then(|body| body.children().find(|n| n.is_element()))
        .map(|n| n.tag_name().name().to_owned())
        .expect("a Body with an element")
}

#[test]
fn documented_get_payment_response() {
    let Some(shared) = shared() else { return };
    let file = shared.join("resurs-v4/examples/get-payment.response.xml");
    let run = decode_file("getPayment", "--response", &file);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let json = run.json();
    let payment = &json["return"];
    assert_eq!(payment["totalAmount"], json!("0.00000000000000000000"));
    assert_eq!(payment["limit"], json!("3030.00000"));
    let diffs = payment["paymentDiffs"]
        .as_array()
        .expect("paymentDiffs array");
    assert_eq!(diffs.len(), 3);
    assert_eq!(diffs[0]["created"], json!("2013-07-02T12:51:51+02:00"));
    assert_eq!(diffs[1]["type"], json!("DEBIT"));
    assert_eq!(
        diffs[1]["paymentSpec"]["totalAmount"],
        json!("30.0000000000")
    );
    assert_eq!(payment["status"], json!(["IS_DEBITED", "IS_CREDITED"]));
    assert_eq!(
        payment["metaData"],
        json!([{"key": "Expressfrakt", "value": "true"}])
    );
    assert_eq!(payment["fraud"], json!(false));
    assert!(payment.get("paymentMethodName").is_none());
    assert!(payment.get("totalBonusPoints").is_none());
    assert!(run.stderr.contains("paymentMethodName"), "{}", run.stderr);
}

#[test]
fn documented_fault() {
    let Some(shared) = shared() else { return };
    let file = shared.join("resurs-v4/examples/get-payment.fault.xml");
    let run = decode_file("getPayment", "--response", &file);
    assert_eq!(run.code, 3, "stderr: {}", run.stderr);
    let json = run.json();
    assert_eq!(json["faultcode"], json!("soap:Server"));
    assert_eq!(json["faultstring"], json!("This order group do not exists"));
    let error = &json["detail"]["ECommerceError"];
    assert_eq!(error["errorTypeId"], json!(8));
    assert_eq!(
        error["errorTypeDescription"],
        json!("REFERENCED_DATA_DONT_EXISTS")
    );
    assert_eq!(error["fixableByYou"], json!(true));
    assert_eq!(
        error["userErrorMessage"],
        json!("Efterfrågad order/betalning (Pay-1372762301644-31656) kan inte hittas i databasen.")
    );
}

#[test]
fn every_documented_request_decodes() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("resurs-v4/examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.to_string_lossy().contains(".request"))
        .collect();
    files.sort();
    assert!(files.len() >= 13, "{files:?}");
    for file in &files {
        let xml = std::fs::read_to_string(file).expect("read example");
        let op = body_element(&xml);
        let run = decode_file(&op, "--request", file);
        assert_eq!(run.code, 0, "{}: {}", file.display(), run.stderr);
        let json = run.json();
        assert!(
            json.get("paymentId").is_some() || json.get("searchCriteria").is_some(),
            "{}: {json}",
            file.display()
        );
    }
}

#[test]
fn documented_credit_with_discount() {
    let Some(shared) = shared() else { return };
    let file = shared.join("resurs-v4/examples/credit-payment.request-discount.xml");
    let run = decode_file("creditPayment", "--request", &file);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let json = run.json();
    assert_eq!(json["preferredTransactionId"], Value::Null);
    let lines = json["partPaymentSpec"]["specLines"]
        .as_array()
        .expect("specLines array");
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[2]["unitAmountWithoutVat"], json!("-120.00000"));
    assert_eq!(lines[1]["totalVatAmount"], json!("50.000000000000000"));
    assert_eq!(json["partPaymentSpec"]["totalAmount"], json!("1100"));
    assert_eq!(json["creditNoteDate"], json!("2021-02-16"));
}

/// The envelopes embedded in a seed page: from an `Envelope` start tag to its end tag.
fn seed_envelopes(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(":Envelope ") {
        let Some(open) = rest[..start].rfind('<') else {
            break;
        };
        let prefix = &rest[open + 1..start];
        let close = format!("</{prefix}:Envelope>");
        let Some(end) = rest[open..].find(&close) else {
            break;
        };
        let end = open + end + close.len();
        found.push(rest[open..end].to_owned());
        rest = &rest[end..];
    }
    found
}

#[test]
fn every_seed_envelope_decodes() {
    let Some(shared) = shared() else { return };
    let mut count = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(shared.join("seeds"))
        .expect("seeds folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for file in entries {
        let text = std::fs::read_to_string(&file).expect("read seed");
        for xml in seed_envelopes(&text) {
            let op = body_element(&xml);
            let run = decode(&["--operation", &op, "--request"], &xml);
            assert_eq!(run.code, 0, "{} {op}: {}", file.display(), run.stderr);
            assert!(run.json().get("paymentId").is_some(), "{}", run.stdout);
            count += 1;
        }
    }
    assert_eq!(count, 5, "envelopes found in the seeds");
}

#[test]
fn fault_detail_missing_fields_are_omitted_and_extra_detail_warned() {
    let fault = r#"<soap:Fault><faultcode>soap:Client</faultcode><faultstring>x</faultstring><detail><e:ECommerceError xmlns:e="http://ecommerce.resurs.com/v4/msg/exception"><errorTypeId>20</errorTypeId></e:ECommerceError><extra>1</extra></detail></soap:Fault>"#;
    let run = decode(
        &["--operation", "creditPayment", "--response", "-"],
        &envelope(fault),
    );
    assert_eq!(run.code, 3, "stderr: {}", run.stderr);
    assert_eq!(
        run.json(),
        json!({
            "faultcode": "soap:Client",
            "faultstring": "x",
            "detail": {"ECommerceError": {"errorTypeId": 20}}
        })
    );
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("warning: Envelope/Body/Fault/detail: ") && l.contains("extra")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("'userErrorMessage' is missing"),
        "{}",
        run.stderr
    );
}

/// A findPaymentsResponse of `items` summaries of the documented shape: each
/// omits the required `totalBonusPoints` (one diagnostic per item).
fn find_payments(items: usize) -> String {
    let item = "<return><paymentId>Pay-1</paymentId><paymentMethodId>Faktura</paymentMethodId><paymentMethodName>Faktura</paymentMethodName><governmentId>8305147715</governmentId><fullName>A B</fullName><booked>2013-07-02T12:51:49+02:00</booked><modified>2013-07-02T12:51:49+02:00</modified><totalAmount>100.00</totalAmount><frozen>false</frozen><status>DEBITABLE</status></return>\n";
    envelope(&format!(
        r#"<ns2:findPaymentsResponse xmlns:ns2="http://ecommerce.resurs.com/v4/msg/aftershopflow">{}</ns2:findPaymentsResponse>"#,
        item.repeat(items)
    ))
}

#[test]
fn truncated_diagnostics_print_no_data_unless_accepted() {
    let xml = find_payments(1_200);
    let run = decode(&["--operation", "findPayments", "--response"], &xml);
    assert_eq!(run.code, 2, "stderr tail: {:?}", run.stderr.lines().last());
    assert_eq!(run.stdout, "");
    let last = run.stderr.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("error: diagnostics were cut off (at most 1000 are kept")
            && last.contains("--accept-truncated"),
        "{last}"
    );
    // The diagnostics that were kept are still shown.
    let warnings = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .count();
    assert_eq!(warnings, 1001);

    let run = decode(
        &[
            "--operation",
            "findPayments",
            "--response",
            "--accept-truncated",
        ],
        &xml,
    );
    assert_eq!(run.code, 0, "stderr tail: {:?}", run.stderr.lines().last());
    let json = run.json();
    let items = json["return"].as_array().map(Vec::len);
    assert_eq!(items, Some(1_200));
    // Within the kept diagnostics the missing element is left out; past them it shows its default.
    assert_eq!(json["return"][0].get("totalBonusPoints"), None);
    assert_eq!(json["return"][1_199]["totalBonusPoints"], json!(0));
}

#[test]
fn output_stays_proportional_to_the_input() {
    let xml = find_payments(900);
    let run = decode(&["--operation", "findPayments", "--response"], &xml);
    assert_eq!(run.code, 0, "stderr tail: {:?}", run.stderr.lines().last());
    assert_eq!(run.json()["return"].as_array().map(Vec::len), Some(900));
    assert!(
        run.stdout.len() < 2 * xml.len(),
        "{} bytes of JSON for {} bytes of XML",
        run.stdout.len(),
        xml.len()
    );
}

#[test]
fn input_over_the_limit_is_refused_while_reading() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_aftershop"))
        .args([
            "decode",
            "--operation",
            "getPayment",
            "--response",
            "--max-size",
            "4096",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn aftershop");
    let chunk = envelope(&"<x/>".repeat(16 * 1024));
    let mut written = 0usize;
    if let Some(mut input) = child.stdin.take() {
        // At most 64 MiB: the command must stop reading (and exit) long before.
        while written < 64 * 1024 * 1024 {
            match input.write_all(chunk.as_bytes()) {
                Ok(()) => written += chunk.len(),
                Err(e) => {
                    assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe);
                    break;
                }
            }
        }
    }
    let out = child.wait_with_output().expect("wait for aftershop");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(
        stderr.contains("larger than the limit of 4096 bytes"),
        "{stderr}"
    );
    assert!(written < 64 * 1024 * 1024, "the whole input was read");

    // A file is read with the same limit.
    let dir = std::env::temp_dir().join(format!("decode-cli-limit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("big.xml");
    std::fs::write(&file, &chunk).expect("write");
    let path = file.to_str().expect("UTF-8 path");
    let run = decode(
        &[
            "--operation",
            "getPayment",
            "--response",
            "--max-size",
            "4096",
            path,
        ],
        "",
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("larger than the limit"),
        "{}",
        run.stderr
    );
    let run = decode(&["--operation", "getPayment", "--response", path], "");
    assert_eq!(run.code, 2, "the envelope is no getPaymentResponse");
    assert!(
        !run.stderr.contains("larger than the limit"),
        "{}",
        run.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_duplicate_amount_keeps_the_first_and_names_both_positions() {
    let twice = PAYMENT_RESPONSE.replace(
        "<limit>3030.00000</limit>",
        "<limit>3030.00000</limit>\n    <totalAmount>999999.00</totalAmount>",
    );
    let run = decode(
        &["--operation", "getPayment", "--response"],
        &envelope(&twice),
    );
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(
        run.json()["return"]["totalAmount"],
        json!("0.00000000000000000000")
    );
    let warning = run
        .stderr
        .lines()
        .find(|l| l.contains("duplicate"))
        .unwrap_or_else(|| panic!("no duplicate warning: {}", run.stderr));
    // The first totalAmount is on line 5, the second on line 7 of the envelope.
    assert!(
        warning.starts_with("warning: Envelope/Body/getPaymentResponse/return/totalAmount: ")
            && warning.contains("first seen at line 5, column 5")
            && warning.contains("(line 7, column 5)"),
        "{warning}"
    );
}

#[test]
fn a_decimal_with_too_many_digits_is_rounded_with_a_warning() {
    let long = PAYMENT_RESPONSE.replace(
        "<limit>3030.00000</limit>",
        "<limit>3030.0000000000000000000000000001</limit>",
    );
    let run = decode(
        &["--operation", "getPayment", "--response"],
        &envelope(&long),
    );
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(
        run.json()["return"]["limit"],
        json!("3030.0000000000000000000000000")
    );
    assert!(
        run.stderr.lines().any(|l| l
            .starts_with("warning: Envelope/Body/getPaymentResponse/return/limit: ")
            && l.contains("rounded")),
        "{}",
        run.stderr
    );
}
