//! The operator commands: one service call each, its answer printed as JSON
//! (the serde rendering of the response element, as `aftershop decode`
//! prints it). Exit status 0 on success, 3 on a SOAP fault (its
//! `userErrorMessage` on stderr), 2 on any other error.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Subcommand};
use resurs_aftershop::common::{CustomerType, PaymentStatus};
use resurs_aftershop::decode::fault_json;
use resurs_aftershop::msg_aftershopflow::{
    AddMetaData, AddMetaDataResponse, FindPayments, FindPaymentsResponse, GetCustomerBonus,
    GetCustomerBonusResponse, GetPayment, GetPaymentDocument, GetPaymentDocumentNames,
    GetPaymentDocumentNamesResponse, GetPaymentDocumentResponse, GetPaymentResponse,
};
use resurs_aftershop::msg_shopflow::{
    GetCustomerBonus as ShopFlowGetCustomerBonus,
    GetCustomerBonusResponse as ShopFlowGetCustomerBonusResponse,
    InvalidateCustomerIdentificationToken, InvalidateCustomerIdentificationTokenResponse,
    IssueCustomerIdentificationToken, IssueCustomerIdentificationTokenResponse,
};
use resurs_aftershop::reconcile::RetryPolicy;
use resurs_aftershop::rules;
use resurs_aftershop::types_aftershopflow::{Payment, SearchCriteria};
use resurs_aftershop::types_shopflow::{CustomerCard, CustomerIdentification};
use resurs_aftershop::{v4, AfterShopClient, Environment, ShopFlowClient};
use resurs_aftershop::{
    PRODUCTION_AFTER_SHOP_ENDPOINT, PRODUCTION_SHOP_FLOW_ENDPOINT, TEST_AFTER_SHOP_ENDPOINT,
    TEST_SHOP_FLOW_ENDPOINT,
};
use serde::Serialize;
use soap_runtime::envelope::Operation;
use soap_runtime::xml::XmlType;
use soap_runtime::FaultDetail;
use soap_runtime::Nillable;

use crate::mutate::{self, ChangeArgs, CreditArgs, FinalizeArgs};

/// Exit status of a SOAP fault.
const EXIT_FAULT: u8 = 3;
/// Exit status of every other failure.
const EXIT_ERROR: u8 = 2;

/// Options every operator command takes.
#[derive(Debug, Args)]
pub struct Connection {
    /// `test`, `production`, or the URL of the AfterShopFlowService endpoint
    /// (ShopFlowService is its sibling). Default: RESURS_ENDPOINT, else `test`.
    #[arg(long, global = true, value_name = "ENDPOINT")]
    endpoint: Option<String>,
    /// The web shop's Resurs user (default: RESURS_USER); the password is
    /// read from RESURS_PASSWORD, never from the command line.
    #[arg(long, global = true, value_name = "NAME")]
    user: Option<String>,
    /// Limit for a whole call, in seconds.
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 30)]
    timeout: u64,
}

/// The operator subcommands.
#[derive(Debug, Subcommand)]
pub enum OperatorCommand {
    /// Print a payment (getPayment).
    Get {
        /// The payment id.
        id: String,
    },
    /// Search payments (findPayments).
    Find(FindArgs),
    /// Debit the payment, or part of it (finalizePayment).
    Finalize(FinalizeArgs),
    /// Release the reservation, or part of it (annulPayment).
    Annul(ChangeArgs),
    /// Pay a debited amount back (creditPayment).
    Credit(CreditArgs),
    /// Reserve more on the payment (additionalDebitOfPayment).
    AdditionalDebit(ChangeArgs),
    /// Store KEY=VALUE on the payment (addMetaData).
    Metadata {
        /// The payment id.
        id: String,
        /// The key.
        key: String,
        /// The value.
        value: String,
    },
    /// List the payment's document names (getPaymentDocumentNames).
    Documents {
        /// The payment id.
        id: String,
    },
    /// Save one document of the payment as a PDF file (getPaymentDocument).
    Document {
        /// The payment id.
        id: String,
        /// The document name (see `documents`).
        name: String,
        /// Where to write the PDF.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Customer identification tokens (ShopFlowService).
    #[command(subcommand)]
    Token(TokenCommand),
    /// Print a customer's bonus points: by government id (AfterShopFlow
    /// getCustomerBonus), or by --token or --card-number (ShopFlow getCustomerBonus).
    Bonus(BonusArgs),
}

/// `aftershop find`.
#[derive(Debug, Args)]
pub struct FindArgs {
    /// A status the payments must have (repeatable), e.g. DEBITABLE.
    #[arg(long = "status", value_name = "S")]
    statuses: Vec<String>,
    /// Booked at or after DATE (YYYY-MM-DD or a dateTime).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Booked at or before DATE (YYYY-MM-DD: the whole day, or a dateTime).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// The customer's government id.
    #[arg(long, value_name = "G")]
    government_id: Option<String>,
    /// The page, from 1.
    #[arg(long, value_name = "N")]
    page: Option<u64>,
    /// Payments per page.
    #[arg(long, value_name = "N")]
    per_page: Option<u64>,
}

/// A customer account.
#[derive(Debug, Args)]
pub struct CustomerArgs {
    /// The customer's government id.
    #[arg(long, value_name = "G")]
    government_id: String,
    /// NATURAL or LEGAL.
    #[arg(long, value_name = "TYPE")]
    customer_type: Option<String>,
}

/// `aftershop bonus`.
#[derive(Debug, Args)]
pub struct BonusArgs {
    /// The customer's government id (with --card-number: the card's holder).
    #[arg(long, value_name = "G", required_unless_present = "token")]
    government_id: Option<String>,
    /// NATURAL or LEGAL.
    #[arg(long, value_name = "TYPE")]
    customer_type: Option<String>,
    /// A customer identification token (ShopFlow).
    #[arg(long, value_name = "TOKEN", conflicts_with_all = ["government_id", "card_number"])]
    token: Option<String>,
    /// The customer's Resurs card number (ShopFlow, with --government-id).
    #[arg(long, value_name = "NUMBER", requires = "government_id")]
    card_number: Option<String>,
}

/// `aftershop token`.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Identify a customer by card and issue a token (issueCustomerIdentificationToken).
    Issue {
        #[command(flatten)]
        customer: CustomerArgs,
        /// The Resurs card number.
        #[arg(long, value_name = "NUMBER")]
        card_number: String,
        /// The customer's IP address.
        #[arg(long, value_name = "IP")]
        ip: String,
    },
    /// Invalidate tokens: those given, or all of a customer (invalidateCustomerIdentificationToken).
    Invalidate {
        /// A token to invalidate (repeatable).
        #[arg(long = "token", value_name = "TOKEN")]
        tokens: Vec<String>,
        /// Invalidate every token of this customer.
        #[arg(long, value_name = "G")]
        government_id: Option<String>,
        /// NATURAL or LEGAL.
        #[arg(long, value_name = "TYPE")]
        customer_type: Option<String>,
    },
}

/// Why an operator command failed.
#[derive(Debug, thiserror::Error)]
pub enum OpError {
    /// The service answered with a SOAP fault.
    #[error("{operation}: {message}")]
    Fault {
        /// The operation.
        operation: &'static str,
        /// The fault's userErrorMessage (or the generic text).
        message: String,
        /// The fault as `aftershop decode` renders it, printed on stdout.
        json: Option<serde_json::Value>,
    },
    /// The call failed otherwise; the text is the runtime error's.
    #[error("{operation}: {message}")]
    Call {
        /// The operation.
        operation: &'static str,
        /// What happened.
        message: String,
    },
    /// A client-side rule check refused the change; nothing was sent.
    #[error("refused by the rules ({error_type}), nothing sent: {message}")]
    Refused {
        /// The errorTypeId Resurs would answer with.
        error_type: String,
        /// The rule's message.
        message: String,
    },
    /// A bad option value.
    #[error("{0}")]
    Input(String),
    /// A file could not be read or written.
    #[error("{what} {}: {cause}", path.display())]
    File {
        /// "cannot read" / "cannot write".
        what: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause (in the message, so not a `source()`).
        cause: std::io::Error,
    },
}

impl OpError {
    /// The error of a failed call of `op`.
    pub fn of_call<F: FaultDetail>(op: &Operation, error: &soap_runtime::Error<F>) -> OpError
    where
        soap_runtime::Fault<F>: std::fmt::Display,
    {
        match error {
            soap_runtime::Error::Fault(fault) => OpError::Fault {
                operation: op.name,
                message: error.user_message().to_owned(),
                json: fault_json(fault).ok(),
            },
            other => OpError::Call {
                operation: op.name,
                message: other.to_string(),
            },
        }
    }

    fn exit_code(&self) -> u8 {
        match self {
            OpError::Fault { .. } => EXIT_FAULT,
            _ => EXIT_ERROR,
        }
    }
}

/// The clients and settings of one run.
pub struct Context {
    /// The AfterShopFlowService client.
    pub after_shop: AfterShopClient,
    shop_flow_url: String,
    user: Option<(String, String)>,
    timeout: Duration,
    /// Whether the endpoint is Resurs's production service.
    pub production: bool,
    /// The policy for reads (getPayment before a change, reconciliation).
    pub reads: RetryPolicy,
}

impl Context {
    fn new(connection: &Connection) -> Result<Context, OpError> {
        let endpoint = connection
            .endpoint
            .clone()
            .or_else(|| std::env::var("RESURS_ENDPOINT").ok())
            .unwrap_or_else(|| "test".to_owned());
        let (after_shop_url, shop_flow_url) = match endpoint.as_str() {
            "test" => (
                TEST_AFTER_SHOP_ENDPOINT.to_owned(),
                TEST_SHOP_FLOW_ENDPOINT.to_owned(),
            ),
            "production" => (
                PRODUCTION_AFTER_SHOP_ENDPOINT.to_owned(),
                PRODUCTION_SHOP_FLOW_ENDPOINT.to_owned(),
            ),
            url => {
                let base = url.strip_suffix("AfterShopFlowService").ok_or_else(|| {
                    OpError::Input(format!(
                        "--endpoint {url}: expected test, production or a URL ending in AfterShopFlowService"
                    ))
                })?;
                (url.to_owned(), format!("{base}ShopFlowService"))
            }
        };
        let user_name = connection
            .user
            .clone()
            .or_else(|| std::env::var("RESURS_USER").ok());
        let user = match &user_name {
            Some(user) => {
                let password = std::env::var("RESURS_PASSWORD").map_err(|_| {
                    OpError::Input(format!(
                        "--user {user}: set the password in the RESURS_PASSWORD environment variable"
                    ))
                })?;
                Some((user.clone(), password))
            }
            None => None,
        };
        let timeout = Duration::from_secs(connection.timeout);
        let production = after_shop_url == PRODUCTION_AFTER_SHOP_ENDPOINT;
        let mut builder =
            AfterShopClient::builder(Environment::Custom(after_shop_url.clone())).timeout(timeout);
        if let Some((name, password)) = &user {
            builder = builder.credentials(name, password);
        }
        let after_shop = builder
            .build()
            .map_err(|e| OpError::Input(format!("--endpoint {after_shop_url}: {e}")))?;
        Ok(Context {
            after_shop,
            shop_flow_url,
            user,
            timeout,
            production,
            reads: RetryPolicy::default(),
        })
    }

    fn shop_flow(&self) -> Result<ShopFlowClient, OpError> {
        let mut builder = ShopFlowClient::builder(Environment::Custom(self.shop_flow_url.clone()))
            .timeout(self.timeout);
        if let Some((name, password)) = &self.user {
            builder = builder.credentials(name, password);
        }
        builder
            .build()
            .map_err(|e| OpError::Input(format!("ShopFlow endpoint {}: {e}", self.shop_flow_url)))
    }

    /// Reads a payment, retrying by [`Context::reads`].
    pub async fn payment(&self, id: &str) -> Result<Payment, OpError> {
        let request = GetPayment {
            payment_id: parse(id, "payment id")?,
        };
        self.reads
            .run(|| self.after_shop.get_payment(&request))
            .await
            .map_err(|e| OpError::of_call(&v4::GET_PAYMENT, &e))
    }
}

/// Calls `op` and renders the response element as JSON.
pub async fn call<T, Req, Resp, F>(
    client: &soap_runtime::Client<T>,
    op: &'static Operation,
    request: &Req,
) -> Result<serde_json::Value, OpError>
where
    T: soap_runtime::Transport,
    Req: XmlType,
    Resp: XmlType + Serialize + Send + 'static,
    F: FaultDetail,
    soap_runtime::Fault<F>: std::fmt::Display,
{
    let response: Resp = client
        .call::<Req, Resp, F>(op, request)
        .await
        .map_err(|e| OpError::of_call(op, &e))?;
    json(&response)
}

/// The JSON of a response element.
pub fn json<T: Serialize>(value: &T) -> Result<serde_json::Value, OpError> {
    serde_json::to_value(value).map_err(|e| OpError::Input(format!("cannot render JSON: {e}")))
}

/// Parses an option value into a generated type (facets checked).
pub fn parse<T: std::str::FromStr>(text: &str, what: &str) -> Result<T, OpError>
where
    T::Err: std::fmt::Display,
{
    text.parse()
        .map_err(|e| OpError::Input(format!("invalid {what} {text:?}: {e}")))
}

/// Runs an operator command and prints its JSON; returns the exit status.
pub fn run(connection: &Connection, command: OperatorCommand) -> ExitCode {
    let result = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| OpError::Input(format!("cannot start the async runtime: {e}")))
        .and_then(|runtime| {
            runtime.block_on(async {
                let context = Context::new(connection)?;
                execute(&context, command).await
            })
        });
    let outcome = result.and_then(|value| {
        let mut out = std::io::stdout().lock();
        serde_json::to_writer_pretty(&mut out, &value)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
            .and_then(|()| out.flush())
            .map_err(|cause| OpError::File {
                what: "cannot write",
                path: PathBuf::from("stdout"),
                cause,
            })
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped early (`| head`) needs no message.
        Err(OpError::File { cause, .. }) if cause.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::from(EXIT_ERROR)
        }
        Err(error) => {
            if let OpError::Fault {
                json: Some(json), ..
            } = &error
            {
                let mut out = std::io::stdout().lock();
                // The message on stderr says what failed; a closed stdout loses only the JSON.
                let _ = serde_json::to_writer_pretty(&mut out, json)
                    .map_err(std::io::Error::from)
                    .and_then(|()| writeln!(out));
            }
            eprintln!("aftershop: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}

async fn execute(
    context: &Context,
    command: OperatorCommand,
) -> Result<serde_json::Value, OpError> {
    let client = context.after_shop.inner();
    match command {
        OperatorCommand::Get { id } => json(&GetPaymentResponse {
            r#return: context.payment(&id).await?,
        }),
        OperatorCommand::Find(args) => {
            let request = find_request(args)?;
            call::<_, _, FindPaymentsResponse, v4::FindPaymentsFault>(
                client,
                &v4::FIND_PAYMENTS,
                &request,
            )
            .await
        }
        OperatorCommand::Finalize(args) => mutate::finalize(context, args).await,
        OperatorCommand::Annul(args) => mutate::annul(context, args).await,
        OperatorCommand::Credit(args) => mutate::credit(context, args).await,
        OperatorCommand::AdditionalDebit(args) => mutate::additional_debit(context, args).await,
        OperatorCommand::Metadata { id, key, value } => {
            let request = AddMetaData {
                payment_id: parse(&id, "payment id")?,
                key,
                value: Some(Nillable::Value(value)),
            };
            let payment = context.payment(&id).await?;
            rules::check_add_meta_data(&payment, &request).map_err(|error| OpError::Refused {
                error_type: error.error_type().to_string(),
                message: error.to_string(),
            })?;
            call::<_, _, AddMetaDataResponse, v4::AddMetaDataFault>(
                client,
                &v4::ADD_META_DATA,
                &request,
            )
            .await
        }
        OperatorCommand::Documents { id } => {
            let request = GetPaymentDocumentNames {
                payment_id: parse(&id, "payment id")?,
            };
            call::<_, _, GetPaymentDocumentNamesResponse, v4::GetPaymentDocumentNamesFault>(
                client,
                &v4::GET_PAYMENT_DOCUMENT_NAMES,
                &request,
            )
            .await
        }
        OperatorCommand::Document { id, name, out } => document(context, &id, &name, out).await,
        OperatorCommand::Token(command) => token(context, command).await,
        OperatorCommand::Bonus(args) => bonus(context, args).await,
    }
}

async fn bonus(context: &Context, args: BonusArgs) -> Result<serde_json::Value, OpError> {
    let customer_type = customer_type(args.customer_type.as_deref())?;
    let identification = match (args.token, args.card_number, args.government_id) {
        (Some(token), _, _) => CustomerIdentification {
            token: Some(parse(&token, "token")?),
            customer_account: None,
        },
        (None, Some(card_number), Some(government_id)) => CustomerIdentification {
            token: None,
            customer_account: Some(CustomerCard {
                government_id,
                customer_type,
                card_number,
            }),
        },
        (None, _, government_id) => {
            let request = GetCustomerBonus {
                government_id: government_id.unwrap_or_default(),
                customer_type,
            };
            return call::<_, _, GetCustomerBonusResponse, v4::GetCustomerBonusFault>(
                context.after_shop.inner(),
                &v4::GET_CUSTOMER_BONUS,
                &request,
            )
            .await;
        }
    };
    let request = ShopFlowGetCustomerBonus {
        customer_identification: identification,
    };
    let shop_flow = context.shop_flow()?;
    call::<_, _, ShopFlowGetCustomerBonusResponse, v4::GetCustomerBonusFault2>(
        shop_flow.inner(),
        &v4::GET_CUSTOMER_BONUS2,
        &request,
    )
    .await
}

fn find_request(args: FindArgs) -> Result<FindPayments, OpError> {
    let mut statuses = Vec::new();
    for text in &args.statuses {
        match PaymentStatus::from(text.clone()) {
            PaymentStatus::Unknown(_) => {
                return Err(OpError::Input(format!(
                    "--status {text}: expected one of {}",
                    PaymentStatus::VALUES.join(", ")
                )))
            }
            status => statuses.push(status),
        }
    }
    let when = |text: &Option<String>, day_time: &str| -> Result<_, OpError> {
        text.as_deref()
            .map(|t| {
                let full = if t.len() == 10 {
                    format!("{t}T{day_time}")
                } else {
                    t.to_owned()
                };
                parse(&full, "date").map(Nillable::Value)
            })
            .transpose()
    };
    Ok(FindPayments {
        search_criteria: SearchCriteria {
            government_id: args
                .government_id
                .as_deref()
                .map(|g| parse(g, "government id").map(Nillable::Value))
                .transpose()?,
            booked_from: when(&args.from, "00:00:00")?,
            booked_to: when(&args.to, "23:59:59")?,
            status_set: statuses,
            ..SearchCriteria::default()
        },
        page_number: args.page.map(Nillable::Value),
        items_per_page: args.per_page.map(Nillable::Value),
        sort_by: None,
    })
}

fn customer_type(text: Option<&str>) -> Result<Option<CustomerType>, OpError> {
    text.map(|t| match CustomerType::from(t.to_owned()) {
        CustomerType::Unknown(_) => Err(OpError::Input(format!(
            "--customer-type {t}: expected one of {}",
            CustomerType::VALUES.join(", ")
        ))),
        known => Ok(known),
    })
    .transpose()
}

/// Saves the PDF and prints the response with `pdfData` replaced by the file
/// written and its size.
async fn document(
    context: &Context,
    id: &str,
    name: &str,
    out: PathBuf,
) -> Result<serde_json::Value, OpError> {
    let request = GetPaymentDocument {
        payment_id: parse(id, "payment id")?,
        document_name: parse(name, "document name")?,
    };
    let response: GetPaymentDocumentResponse = context
        .after_shop
        .inner()
        .call::<_, _, v4::GetPaymentDocumentFault>(&v4::GET_PAYMENT_DOCUMENT, &request)
        .await
        .map_err(|e| OpError::of_call(&v4::GET_PAYMENT_DOCUMENT, &e))?;
    let pdf = &response.r#return;
    std::fs::write(&out, &pdf.pdf_data.0).map_err(|cause| OpError::File {
        what: "cannot write",
        path: out.clone(),
        cause,
    })?;
    Ok(serde_json::json!({
        "return": {
            "name": pdf.name,
            "file": out.display().to_string(),
            "bytes": pdf.pdf_data.0.len(),
        }
    }))
}

async fn token(context: &Context, command: TokenCommand) -> Result<serde_json::Value, OpError> {
    let shop_flow = context.shop_flow()?;
    let client = shop_flow.inner();
    match command {
        TokenCommand::Issue {
            customer,
            card_number,
            ip,
        } => {
            let request = IssueCustomerIdentificationToken {
                customer_card: CustomerCard {
                    government_id: customer.government_id,
                    customer_type: customer_type(customer.customer_type.as_deref())?,
                    card_number,
                },
                customer_ip_address: ip,
            };
            call::<
                _,
                _,
                IssueCustomerIdentificationTokenResponse,
                v4::IssueCustomerIdentificationTokenFault,
            >(client, &v4::ISSUE_CUSTOMER_IDENTIFICATION_TOKEN, &request)
            .await
        }
        TokenCommand::Invalidate {
            tokens,
            government_id,
            customer_type: kind,
        } => {
            if tokens.is_empty() && government_id.is_none() {
                return Err(OpError::Input(
                    "token invalidate: give --token TOKEN... or --government-id G".into(),
                ));
            }
            let request = InvalidateCustomerIdentificationToken {
                token: tokens
                    .iter()
                    .map(|t| parse(t, "token"))
                    .collect::<Result<_, _>>()?,
                government_id: government_id
                    .as_deref()
                    .map(|g| parse(g, "government id"))
                    .transpose()?,
                customer_type: customer_type(kind.as_deref())?,
            };
            call::<
                _,
                _,
                InvalidateCustomerIdentificationTokenResponse,
                v4::InvalidateCustomerIdentificationTokenFault,
            >(
                client,
                &v4::INVALIDATE_CUSTOMER_IDENTIFICATION_TOKEN,
                &request,
            )
            .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connection(endpoint: &str) -> Connection {
        Connection {
            endpoint: Some(endpoint.into()),
            user: None,
            timeout: 30,
        }
    }

    #[test]
    fn shop_flow_is_the_sibling_of_the_after_shop_url() {
        let context = Context::new(&connection(
            "http://127.0.0.1:9/ecommerce-test/ws/V4/AfterShopFlowService",
        ))
        .expect("context");
        assert_eq!(
            context.shop_flow_url,
            "http://127.0.0.1:9/ecommerce-test/ws/V4/ShopFlowService"
        );
        assert!(!context.production);
        let production = Context::new(&connection("production")).expect("context");
        assert!(production.production);
        assert_eq!(production.shop_flow_url, PRODUCTION_SHOP_FLOW_ENDPOINT);
        let error = Context::new(&connection("http://127.0.0.1:9/other")).err();
        assert!(
            matches!(&error, Some(OpError::Input(m)) if m.contains("AfterShopFlowService")),
            "{error:?}"
        );
    }

    #[test]
    fn find_dates_cover_whole_days_and_statuses_are_checked() {
        let request = find_request(FindArgs {
            statuses: vec!["DEBITABLE".into()],
            from: Some("2026-12-01".into()),
            to: Some("2026-12-07".into()),
            government_id: None,
            page: Some(2),
            per_page: None,
        })
        .expect("request");
        let criteria = &request.search_criteria;
        let text = |v: &Option<Nillable<soap_runtime::DateTime>>| {
            v.as_ref()
                .and_then(Nillable::value)
                .map(ToString::to_string)
        };
        assert_eq!(
            text(&criteria.booked_from).as_deref(),
            Some("2026-12-01T00:00:00")
        );
        assert_eq!(
            text(&criteria.booked_to).as_deref(),
            Some("2026-12-07T23:59:59")
        );
        assert_eq!(criteria.status_set, [PaymentStatus::Debitable]);
        assert_eq!(request.page_number, Some(Nillable::Value(2)));
        let bad = find_request(FindArgs {
            statuses: vec!["PAID".into()],
            from: None,
            to: None,
            government_id: None,
            page: None,
            per_page: None,
        });
        assert!(matches!(bad, Err(OpError::Input(m)) if m.contains("DEBITABLE")));
    }
}
