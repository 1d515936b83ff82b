//! Shared by the tests that run the simulator over loopback: the builder
//! they all start from, raw HTTP requests to its admin endpoint, a client,
//! and the `aftershop` binary run against it.

use std::path::PathBuf;
use std::process::{Command, Output};

use resurs_aftershop::simulator::{Fixtures, Simulator, SimulatorBuilder, SimulatorHandle};
use resurs_aftershop::{AfterShopClient, Environment};
use serde_json::{json, Value};

/// The shop's user (sent by every request of these tests).
pub const USER: &str = "shop";
/// Its password (`RESURS_PASSWORD` for the binary).
pub const PASSWORD: &str = "secret";
/// `USER:PASSWORD`, base64: the HTTP Basic credentials of raw requests.
const BASIC: &str = "c2hvcDpzZWNyZXQ=";
/// The customer of [`fixture`].
pub const CUSTOMER: &str = "194608282333";

/// A simulator builder for these tests: loopback, a free port.
pub fn builder() -> SimulatorBuilder {
    Simulator::builder()
        .listen(([127, 0, 0, 1], 0).into())
        .user(USER, PASSWORD)
}

/// A payment in the fixtures format: one line of 2 × 100 + 25 % VAT (250),
/// limit 5000, customer [`CUSTOMER`] with card `4444-<id>`.
pub fn fixture(id: &str, method: &str, kind: &str, method_type: &str) -> Value {
    json!({
        "cardNumber": format!("4444-{id}"),
        "paymentId": id,
        "paymentMethodId": method,
        "paymentMethodType": method_type,
        "methodKind": kind,
        "limit": "5000",
        "customer": {
            "governmentId": CUSTOMER,
            "address": {
                "fullName": "Test Testsson",
                "addressRow1": "Gatan 1",
                "postalArea": "Helsingborg",
                "postalCode": "25220",
                "country": "SE"
            },
            "type": "NATURAL"
        },
        "spec": {
            "specLines": [{
                "id": "1", "artNo": "A-1", "description": "Lamp", "quantity": "2",
                "unitMeasure": "st", "unitAmountWithoutVat": "100", "vatPct": "25",
                "totalVatAmount": "50", "totalAmount": "250"
            }],
            "totalAmount": "250",
            "totalVatAmount": "50"
        }
    })
}

/// An invoice, a card-account and a Visa payment ([`fixture`]).
pub fn three_payments() -> Fixtures {
    let fixtures = json!([
        fixture("INV-1", "Faktura", "resurs_invoice", "INVOICE"),
        fixture(
            "CARD-1",
            "NYTT_KORT",
            "resurs_card_account",
            "REVOLVING_CREDIT"
        ),
        fixture("VISA-1", "VM", "visa_mastercard", "CARD"),
    ]);
    Fixtures::from_json(&fixtures.to_string()).expect("fixtures")
}

/// An HTTP answer: status and body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: String,
}

impl Answer {
    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// Sends `method url` with `body` (JSON) and the test credentials on a
/// fresh connection; `Err` when the server closes it without an answer.
pub async fn request(method: &str, url: &str, body: &str) -> std::io::Result<Answer> {
    let rest = url.strip_prefix("http://").expect("http url");
    let (host, path) = rest.split_at(rest.find('/').expect("path"));
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Basic {BASIC}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let answer = super::http::exchange(host, &head, body.as_bytes()).await?;
    Ok(Answer {
        status: answer.status,
        body: answer.body,
    })
}

/// `POST admin/<route>` of `sim` with `body`.
pub async fn admin(sim: &SimulatorHandle, route: &str, body: &str) -> Answer {
    request("POST", &format!("{}/{route}", sim.admin_url()), body)
        .await
        .expect("admin answer")
}

/// An After Shop client of `sim` with the test credentials.
pub fn after_shop(sim: &SimulatorHandle) -> AfterShopClient {
    AfterShopClient::builder(Environment::Custom(sim.after_shop_url()))
        .credentials(USER, PASSWORD)
        .build()
        .expect("client")
}

/// A simulator on its own runtime, for tests that run the `aftershop`
/// binary against it, with a scratch directory.
pub struct Shell {
    pub runtime: tokio::runtime::Runtime,
    simulator: Option<SimulatorHandle>,
    pub dir: PathBuf,
}

impl Shell {
    /// Starts `builder` (see [`builder`]); `name` names the scratch directory.
    pub fn start(name: &str, builder: SimulatorBuilder) -> Shell {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let simulator = runtime.block_on(builder.start()).expect("simulator");
        let dir = std::env::temp_dir().join(format!("aftershop-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        Shell {
            runtime,
            simulator: Some(simulator),
            dir,
        }
    }

    /// The running simulator.
    pub fn simulator(&self) -> &SimulatorHandle {
        self.simulator.as_ref().expect("running")
    }

    /// The After Shop endpoint.
    pub fn endpoint(&self) -> String {
        self.simulator().after_shop_url()
    }

    /// Runs `aftershop ARGS` against the simulator.
    pub fn run(&self, args: &[&str]) -> Run {
        run_at(&self.endpoint(), args)
    }

    /// `POST admin/<route>` with `body`.
    pub fn admin(&self, route: &str, body: &str) -> Answer {
        self.runtime.block_on(admin(self.simulator(), route, body))
    }

    /// Writes a scratch file and returns its path.
    pub fn file(&self, name: &str, content: &str) -> String {
        let path = self.dir.join(name);
        std::fs::write(&path, content).expect("write");
        path.display().to_string()
    }

    /// `aftershop get ID`'s `return`.
    pub fn payment(&self, id: &str) -> Value {
        let run = self.run(&["get", id]);
        assert_eq!(run.code, 0, "get {id}: {}", run.stderr);
        run.json["return"].clone()
    }
}

impl Drop for Shell {
    fn drop(&mut self) {
        if let Some(simulator) = self.simulator.take() {
            self.runtime.block_on(simulator.stop());
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// What a run of the binary gave.
pub struct Run {
    pub code: i32,
    pub json: Value,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `aftershop ARGS` with `RESURS_ENDPOINT=endpoint` and the test credentials.
pub fn run_at(endpoint: &str, args: &[&str]) -> Run {
    let output: Output = Command::new(env!("CARGO_BIN_EXE_aftershop"))
        .args(args)
        .env("RESURS_ENDPOINT", endpoint)
        .env("RESURS_USER", USER)
        .env("RESURS_PASSWORD", PASSWORD)
        .env_remove("RUST_LOG")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run aftershop");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    Run {
        code: output.status.code().unwrap_or(-1),
        json: serde_json::from_str(&stdout).unwrap_or(Value::Null),
        stdout,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `(type, transactionId, totalAmount as a number string)` of every diff.
pub fn diffs(payment: &Value) -> Vec<(String, String, String)> {
    payment["paymentDiffs"]
        .as_array()
        .expect("diffs")
        .iter()
        .map(|diff| {
            let amount: rust_decimal::Decimal = diff["paymentSpec"]["totalAmount"]
                .as_str()
                .expect("amount")
                .parse()
                .expect("decimal");
            (
                diff["type"].as_str().unwrap_or_default().to_owned(),
                diff["transactionId"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                amount.normalize().to_string(),
            )
        })
        .collect()
}

/// One entry of [`diffs`].
pub fn diff(kind: &str, transaction: &str, amount: &str) -> (String, String, String) {
    (kind.into(), transaction.into(), amount.into())
}
