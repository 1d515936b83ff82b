//! A third-party SOAP client against the simulator: Python's zeep reads the
//! simulator's `?wsdl` (and the schemas it names), then calls getPayment with
//! HTTP Basic credentials. Skipped with a message where python3 or zeep is
//! absent (`python3 -m pip install zeep`).

use std::process::{Command, Output, Stdio};
use std::time::Duration;

use resurs_aftershop::simulator::{Simulator, DOCUMENTED_PAYMENT};

/// Most 100 ms waits for the Python process.
const MAX_WAITS: u32 = 1200;

const SCRIPT: &str = r#"
import json, sys
from requests import Session
from zeep import Client
from zeep.transports import Transport

wsdl, user, password, payment_id = sys.argv[1:5]
session = Session()
session.auth = (user, password)
client = Client(wsdl, transport=Transport(session=session))
payment = client.service.getPayment(paymentId=payment_id)
print(json.dumps({"id": payment.id, "totalAmount": str(payment.totalAmount),
                  "diffs": len(payment.paymentDiffs)}))
try:
    Client(wsdl).service.getPayment(paymentId=payment_id)
    print("unauthenticated call answered")
except Exception as e:
    print(json.dumps({"refused": type(e).__name__, "status": getattr(e, "status_code", None)}))
"#;

fn zeep_available() -> bool {
    let probe = Command::new("python3")
        .args(["-c", "import zeep, requests"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    match probe {
        Ok(status) if status.success() => true,
        Ok(_) => {
            println!("skipped: python3 has no zeep (python3 -m pip install zeep)");
            false
        }
        Err(e) => {
            println!("skipped: no python3 ({e})");
            false
        }
    }
}

/// Runs the script, killing it if it has not ended after the bounded wait.
fn run_python(args: &[String]) -> Output {
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn python3");
    for _ in 0..MAX_WAITS {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let output = child.wait_with_output().expect("output");
    panic!(
        "python3 did not finish; stderr:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_calls_get_payment_through_the_served_wsdl() {
    if !zeep_available() {
        return;
    }
    let sim = Simulator::builder()
        .user("shop", "secret")
        .start()
        .await
        .expect("simulator");
    let args = vec![
        format!("{}?wsdl", sim.after_shop_url()),
        "shop".to_owned(),
        "secret".to_owned(),
        DOCUMENTED_PAYMENT.to_owned(),
    ];
    let output = tokio::task::spawn_blocking(move || run_python(&args))
        .await
        .expect("python task");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "zeep failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut lines = stdout.lines();
    let answer: serde_json::Value =
        serde_json::from_str(lines.next().expect("a line")).expect("JSON from the script");
    assert_eq!(answer["id"], DOCUMENTED_PAYMENT);
    let expected = sim
        .bank()
        .get_payment(resurs_aftershop::msg_aftershopflow::GetPayment {
            payment_id: DOCUMENTED_PAYMENT.parse().expect("id"),
        })
        .expect("payment");
    let total: rust_decimal::Decimal = answer["totalAmount"]
        .as_str()
        .expect("amount")
        .parse()
        .expect("decimal");
    assert_eq!(total, *expected.total_amount.value());
    assert_eq!(answer["diffs"], expected.payment_diffs.len());
    let refused: serde_json::Value =
        serde_json::from_str(lines.next().expect("a second line")).expect("JSON");
    assert_eq!(refused["status"], 401, "{refused}");
    sim.stop().await;
}
