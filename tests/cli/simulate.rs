//! `aftershop simulate` as a command.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use resurs_aftershop::msg_aftershopflow::GetPayment;
use resurs_aftershop::simulator::{AFTER_SHOP_PATH, DOCUMENTED_PAYMENT};
use resurs_aftershop::{AfterShopClient, Environment};

fn aftershop() -> Command {
    Command::new(env!("CARGO_BIN_EXE_aftershop"))
}

/// Kills the child when the test ends, however it ends.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn simulate_prints_its_address_and_serves() {
    let child = aftershop()
        .args(["simulate", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn aftershop");
    let mut running = Running(child);
    let stdout = running.0.stdout.take().expect("stdout");
    let (line, credentials) = tokio::task::spawn_blocking(move || {
        let mut reader = BufReader::new(stdout);
        let (mut line, mut credentials) = (String::new(), String::new());
        reader.read_line(&mut line)?;
        reader.read_line(&mut credentials)?;
        Ok::<_, std::io::Error>((line, credentials))
    })
    .await
    .expect("reader")
    .expect("two lines");
    let base = line
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    let (user, password) = credentials
        .trim_end()
        .strip_prefix("user ")
        .and_then(|rest| rest.split_once(" password "))
        .unwrap_or_else(|| panic!("unexpected second line {credentials:?}"));
    assert_eq!(user, "demo");
    let client = AfterShopClient::builder(Environment::Custom(format!("{base}{AFTER_SHOP_PATH}")))
        .credentials(user, password)
        .build()
        .expect("client");
    let payment = client
        .get_payment(&GetPayment {
            payment_id: DOCUMENTED_PAYMENT.parse().expect("id"),
        })
        .await
        .expect("the demo set is served");
    assert_eq!(payment.id.as_str(), DOCUMENTED_PAYMENT);
    drop(running);
}

#[test]
fn bad_fixtures_are_reported_with_entry_and_field() {
    let dir = std::env::temp_dir().join(format!("aftershop-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("fixtures.json");
    std::fs::write(&path, r#"[{"paymentId": "P1", "paymentMethodId": "X", "paymentMethodType": "INVOICE", "methodKind": "paypal"}]"#)
        .expect("write");
    let output = aftershop()
        .args(["simulate", "--listen", "127.0.0.1:0", "--fixtures"])
        .arg(&path)
        .output()
        .expect("run aftershop");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("entry 0") && stderr.contains("methodKind"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
    let _ = std::fs::remove_dir_all(dir);
}
