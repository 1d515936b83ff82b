//! The amount-changing commands: `finalize`, `annul`, `credit`,
//! `additional-debit`.
//!
//! Each reads the payment, runs the client-side rule checks (refusing with
//! the rule's message), then either prints the envelope and the verdicts
//! (`--dry-run`) or asks for confirmation (production, on a terminal, unless
//! `--yes`) and sends. An ambiguous failure (timeout, broken connection,
//! 5xx) is reconciled against the payment's history: landed means done,
//! certainly not landed means one resend, anything else exit 2.

use std::collections::HashMap;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;
use resurs_aftershop::common::{InvoiceDeliveryTypeEnum, PaymentMethodType, PaymentSpec};
use resurs_aftershop::msg_aftershopflow::{
    AdditionalDebitOfPayment, AdditionalDebitOfPaymentResponse, AnnulPayment, AnnulPaymentResponse,
    CreditPayment, CreditPaymentResponse, FinalizePayment, FinalizePaymentResponse,
};
use resurs_aftershop::reconcile::{classify, reconcile_payment, Failure, Intent, Reconciliation};
use resurs_aftershop::rules::{
    self, classify_additional_debit, existing_lines, totals_only, LineChange, MethodKind,
    RuleError, Verdict,
};
use resurs_aftershop::types_aftershopflow::Payment;
use resurs_aftershop::v4;
use rust_decimal::Decimal;
use serde::Serialize;
use soap_runtime::envelope::Operation;
use soap_runtime::xml::XmlType;
use soap_runtime::FaultDetail;
use soap_runtime::Nillable;

use crate::operator::{json, parse, Context, OpError};

/// What every amount-changing command takes.
#[derive(Debug, Args)]
pub struct ChangeArgs {
    /// The payment id.
    id: String,
    /// The amount (VAT included), as a spec of totals only.
    #[arg(long, value_name = "X", conflicts_with = "spec")]
    amount: Option<Decimal>,
    /// The VAT part of --amount.
    #[arg(long, value_name = "Y", requires = "amount")]
    vat: Option<Decimal>,
    /// A payment spec with lines: JSON with the XML names as keys
    /// (`specLines`, `totalAmount`, `totalVatAmount`), decimals as strings.
    #[arg(long, value_name = "FILE.json")]
    spec: Option<PathBuf>,
    /// Who makes the change (createdBy).
    #[arg(long, value_name = "NAME")]
    created_by: Option<String>,
    /// The kind of a payment method, for the payment-method table
    /// (repeatable), e.g. `Faktura=resurs_invoice`. Without it only INVOICE
    /// payments have a known kind.
    #[arg(long = "method-kind", value_name = "ID=KIND")]
    method_kinds: Vec<String>,
    /// Print the envelope that would be sent and the checks' verdicts; send nothing.
    #[arg(long)]
    dry_run: bool,
    /// Do not ask for confirmation in production.
    #[arg(long)]
    yes: bool,
}

/// `aftershop finalize`.
#[derive(Debug, Args)]
pub struct FinalizeArgs {
    #[command(flatten)]
    change: ChangeArgs,
    /// preferredTransactionId; generated when absent (needed to reconcile).
    #[arg(long, value_name = "ID")]
    transaction_id: Option<String>,
    /// orderId.
    #[arg(long, value_name = "ID")]
    order_id: Option<String>,
    /// orderDate (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    order_date: Option<String>,
    /// invoiceId (invoice payments only).
    #[arg(long, value_name = "ID")]
    invoice_id: Option<String>,
    /// invoiceDate (YYYY-MM-DD, invoice payments only).
    #[arg(long, value_name = "DATE")]
    invoice_date: Option<String>,
    /// invoiceDeliveryType: NONE, EMAIL or POSTAL.
    #[arg(long, value_name = "TYPE")]
    invoice_delivery_type: Option<String>,
}

/// `aftershop credit`.
#[derive(Debug, Args)]
pub struct CreditArgs {
    #[command(flatten)]
    change: ChangeArgs,
    /// preferredTransactionId; generated when absent (needed to reconcile).
    #[arg(long, value_name = "ID")]
    transaction_id: Option<String>,
    /// creditNoteId (invoice payments only).
    #[arg(long, value_name = "ID")]
    credit_note_id: Option<String>,
    /// creditNoteDate (YYYY-MM-DD, invoice payments only).
    #[arg(long, value_name = "DATE")]
    credit_note_date: Option<String>,
    /// invoiceDeliveryType: NONE, EMAIL or POSTAL.
    #[arg(long, value_name = "TYPE")]
    invoice_delivery_type: Option<String>,
}

/// The rules' verdict on a change, as `--dry-run` prints it.
#[derive(Debug, Serialize)]
struct Checked {
    /// `ok` or `refused`.
    verdict: &'static str,
    /// The amount the change covers and the maximum now (when accepted).
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    maximum: Option<Decimal>,
    /// The row of the payment-method table (when accepted).
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<String>,
    /// The refusal: the rule's message and the errorTypeId Resurs would answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    refusal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_type: Option<String>,
    /// What the rules accept all the same.
    warnings: Vec<String>,
}

impl Checked {
    fn of(result: &Result<Verdict, RuleError>, suspicious: Vec<String>) -> Checked {
        match result {
            Ok(verdict) => Checked {
                verdict: "ok",
                amount: Some(verdict.amount),
                maximum: Some(verdict.maximum),
                event: Some(verdict.event.to_string()),
                refusal: None,
                error_type: None,
                warnings: verdict
                    .warnings
                    .iter()
                    .map(ToString::to_string)
                    .chain(suspicious)
                    .collect(),
            },
            Err(error) => Checked {
                verdict: "refused",
                amount: None,
                maximum: None,
                event: None,
                refusal: Some(error.to_string()),
                error_type: Some(error.error_type().to_string()),
                warnings: suspicious,
            },
        }
    }
}

/// The kind of the payment's method: `--method-kind`, else INVOICE payments
/// are Resurs invoices; otherwise unknown (the rules then warn).
fn method_kind(payment: &Payment, kinds: &HashMap<String, MethodKind>) -> Option<MethodKind> {
    kinds
        .get(payment.payment_method_id.as_str())
        .copied()
        .or((payment.payment_method_type == PaymentMethodType::Invoice)
            .then_some(MethodKind::ResursInvoice))
}

/// Additional-debit lines with the `artNo` of an existing line that differ
/// from it: Resurs adds them as new lines, most likely not what was meant.
fn suspicious_lines(payment: &Payment, spec: &PaymentSpec) -> Vec<String> {
    classify_additional_debit(&existing_lines(payment), &spec.spec_lines)
        .iter()
        .enumerate()
        .filter_map(|(line, change)| match change {
            LineChange::Suspicious { existing, .. } => Some(format!(
                "line {line} has the artNo of existing line {existing} but differs from it: Resurs adds it as a new line"
            )),
            _ => None,
        })
        .collect()
}

/// The spec the options describe: none (the whole open amount), totals, or a file.
fn spec_of(args: &ChangeArgs) -> Result<Option<PaymentSpec>, OpError> {
    if let Some(path) = &args.spec {
        let text = std::fs::read_to_string(path).map_err(|cause| OpError::File {
            what: "cannot read",
            path: path.clone(),
            cause,
        })?;
        let spec = serde_json::from_str(&text)
            .map_err(|e| OpError::Input(format!("{}: not a payment spec: {e}", path.display())))?;
        return Ok(Some(spec));
    }
    args.amount
        .map(|amount| {
            let mut spec = totals_only(amount)
                .map_err(|e| OpError::Input(format!("--amount {amount}: {e}")))?;
            spec.total_vat_amount = args.vat.map(Nillable::Value);
            Ok(spec)
        })
        .transpose()
}

fn kinds(args: &ChangeArgs) -> Result<HashMap<String, MethodKind>, OpError> {
    args.method_kinds
        .iter()
        .map(|pair| {
            let (id, kind) = pair
                .split_once('=')
                .ok_or_else(|| OpError::Input(format!("--method-kind {pair}: expected ID=KIND")))?;
            let kind = kind.parse::<MethodKind>().map_err(|_| {
                OpError::Input(format!(
                    "--method-kind {pair}: KIND is one of {}",
                    MethodKind::ALL.map(MethodKind::name).join(", ")
                ))
            })?;
            Ok((id.to_owned(), kind))
        })
        .collect()
}

fn optional<T: std::str::FromStr>(
    text: &Option<String>,
    what: &str,
) -> Result<Option<Nillable<T>>, OpError>
where
    T::Err: std::fmt::Display,
{
    text.as_deref()
        .map(|t| parse(t, what).map(Nillable::Value))
        .transpose()
}

fn delivery_type(
    text: &Option<String>,
) -> Result<Option<Nillable<InvoiceDeliveryTypeEnum>>, OpError> {
    text.as_deref()
        .map(|t| match InvoiceDeliveryTypeEnum::from(t.to_owned()) {
            InvoiceDeliveryTypeEnum::Unknown(_) => Err(OpError::Input(format!(
                "--invoice-delivery-type {t}: expected one of {}",
                InvoiceDeliveryTypeEnum::VALUES.join(", ")
            ))),
            known => Ok(Nillable::Value(known)),
        })
        .transpose()
}

/// A transaction id unique enough for one shop: `aftershop-<ms since epoch>-<pid>`.
fn generated_transaction_id() -> String {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    format!("aftershop-{millis}-{}", std::process::id())
}

/// `aftershop finalize`.
pub async fn finalize(context: &Context, args: FinalizeArgs) -> Result<serde_json::Value, OpError> {
    let spec = spec_of(&args.change)?;
    let transaction_id = args
        .transaction_id
        .clone()
        .unwrap_or_else(generated_transaction_id);
    let request = FinalizePayment {
        payment_id: parse(&args.change.id, "payment id")?,
        preferred_transaction_id: Some(Nillable::Value(parse(&transaction_id, "transaction id")?)),
        part_payment_spec: spec.clone().map(Nillable::Value),
        created_by: optional(&args.change.created_by, "created-by")?,
        order_id: optional(&args.order_id, "order id")?,
        order_date: optional(&args.order_date, "order date")?,
        invoice_id: optional(&args.invoice_id, "invoice id")?,
        invoice_date: optional(&args.invoice_date, "invoice date")?,
        invoice_delivery_type: delivery_type(&args.invoice_delivery_type)?,
    };
    change::<_, FinalizePaymentResponse, v4::FinalizePaymentFault>(
        context,
        &args.change,
        &v4::FINALIZE_PAYMENT,
        &request,
        |payment, kind| (rules::check_finalize(payment, kind, &request), Vec::new()),
        Some(transaction_id),
    )
    .await
}

/// `aftershop credit`.
pub async fn credit(context: &Context, args: CreditArgs) -> Result<serde_json::Value, OpError> {
    let spec = spec_of(&args.change)?;
    let transaction_id = args
        .transaction_id
        .clone()
        .unwrap_or_else(generated_transaction_id);
    let request = CreditPayment {
        payment_id: parse(&args.change.id, "payment id")?,
        preferred_transaction_id: Some(Nillable::Value(parse(&transaction_id, "transaction id")?)),
        part_payment_spec: spec.clone().map(Nillable::Value),
        created_by: optional(&args.change.created_by, "created-by")?,
        credit_note_id: optional(&args.credit_note_id, "credit note id")?,
        credit_note_date: optional(&args.credit_note_date, "credit note date")?,
        invoice_delivery_type: delivery_type(&args.invoice_delivery_type)?,
    };
    change::<_, CreditPaymentResponse, v4::CreditPaymentFault>(
        context,
        &args.change,
        &v4::CREDIT_PAYMENT,
        &request,
        |payment, kind| (rules::check_credit(payment, kind, &request), Vec::new()),
        Some(transaction_id),
    )
    .await
}

/// `aftershop annul`.
pub async fn annul(context: &Context, args: ChangeArgs) -> Result<serde_json::Value, OpError> {
    let spec = spec_of(&args)?;
    let request = AnnulPayment {
        payment_id: parse(&args.id, "payment id")?,
        part_payment_spec: spec.clone().map(Nillable::Value),
        created_by: optional(&args.created_by, "created-by")?,
    };
    change::<_, AnnulPaymentResponse, v4::AnnulPaymentFault>(
        context,
        &args,
        &v4::ANNUL_PAYMENT,
        &request,
        |payment, kind| (rules::check_annul(payment, kind, &request), Vec::new()),
        None,
    )
    .await
}

/// `aftershop additional-debit`.
pub async fn additional_debit(
    context: &Context,
    args: ChangeArgs,
) -> Result<serde_json::Value, OpError> {
    let spec = spec_of(&args)?.ok_or_else(|| {
        OpError::Input("additional-debit needs --amount X [--vat Y] or --spec FILE.json".into())
    })?;
    let request = AdditionalDebitOfPayment {
        payment_id: parse(&args.id, "payment id")?,
        payment_spec: Some(Nillable::Value(spec.clone())),
        created_by: optional(&args.created_by, "created-by")?,
    };
    change::<_, AdditionalDebitOfPaymentResponse, v4::AdditionalDebitOfPaymentFault>(
        context,
        &args,
        &v4::ADDITIONAL_DEBIT_OF_PAYMENT,
        &request,
        |payment, kind| {
            (
                rules::check_additional_debit(payment, kind, &request),
                suspicious_lines(payment, &spec),
            )
        },
        None,
    )
    .await
}

/// Checks, then dry-run or confirm and send (with reconciliation).
async fn change<Req, Resp, F>(
    context: &Context,
    args: &ChangeArgs,
    op: &'static Operation,
    request: &Req,
    check: impl FnOnce(&Payment, Option<MethodKind>) -> (Result<Verdict, RuleError>, Vec<String>),
    transaction_id: Option<String>,
) -> Result<serde_json::Value, OpError>
where
    Req: XmlType,
    Resp: XmlType + Serialize + Default + Send + 'static,
    F: FaultDetail,
    soap_runtime::Fault<F>: std::fmt::Display,
{
    let asks = context.production && !args.yes && !args.dry_run;
    if asks && !std::io::stdin().is_terminal() {
        return Err(OpError::Input(format!(
            "{} on payment {} in production needs --yes when not run from a terminal; nothing sent",
            op.name, args.id
        )));
    }
    let before = context.payment(&args.id).await?;
    let (result, suspicious) = check(&before, method_kind(&before, &kinds(args)?));
    let checked = Checked::of(&result, suspicious);
    for warning in &checked.warnings {
        eprintln!("aftershop: warning: {warning}");
    }
    if args.dry_run {
        let envelope = soap_runtime::envelope::encode_request(op, &[], request)
            .map_err(|e| OpError::Input(format!("{}: invalid request: {e}", op.name)))?;
        return Ok(serde_json::json!({
            "operation": op.name,
            "endpoint": context.after_shop.inner().endpoint().to_string(),
            "envelope": String::from_utf8_lossy(&envelope),
            "checks": checked,
        }));
    }
    let verdict = result.map_err(|error| OpError::Refused {
        error_type: error.error_type().to_string(),
        message: error.to_string(),
    })?;
    let amount = verdict.amount;
    if asks {
        confirm(op, &args.id, amount)?;
    }
    let intent = Intent::new(verdict.action, transaction_id, amount);
    let client = context.after_shop.inner();
    let mut resent = false;
    loop {
        let error = match client.call::<Req, Resp, F>(op, request).await {
            Ok(response) => return json(&response),
            Err(error) => error,
        };
        if classify(&error) != Failure::Ambiguous {
            return Err(OpError::of_call(op, &error));
        }
        eprintln!(
            "aftershop: {}: {error}; it may have been carried out, reading payment {} to find out",
            op.name, args.id
        );
        match settle(context, op, &intent, &before).await? {
            Settled::Landed(message) => {
                eprintln!("aftershop: {message}");
                return json(&Resp::default());
            }
            Settled::NotLanded if !resent => {
                eprintln!("aftershop: {} did not land; sending it once more", op.name);
                resent = true;
            }
            Settled::NotLanded => {
                return Err(OpError::Call {
                    operation: op.name,
                    message: format!("{error}; the resend did not land either, nothing changed"),
                })
            }
        }
    }
}

enum Settled {
    Landed(String),
    NotLanded,
}

/// Reconciles; an inconclusive answer or a failed read is an error telling
/// the operator to look before sending again.
async fn settle(
    context: &Context,
    op: &'static Operation,
    intent: &Intent,
    before: &Payment,
) -> Result<Settled, OpError> {
    let found = reconcile_payment(&context.after_shop, &context.reads, intent, before)
        .await
        .map_err(|e| OpError::Call {
            operation: op.name,
            message: format!(
                "may or may not have been carried out, and the payment cannot be read to find out ({e}); check it before sending again"
            ),
        })?;
    match found {
        Reconciliation::Landed {
            transaction_id,
            amount,
            ..
        } => Ok(Settled::Landed(format!(
            "reconciled: the {} of {amount}{} is in the payment's history; not sent again",
            intent.diff_type(),
            transaction_id.map_or(String::new(), |t| format!(" with transaction id {t}"))
        ))),
        Reconciliation::NotLanded => Ok(Settled::NotLanded),
        Reconciliation::Unknown { why } => Err(OpError::Call {
            operation: op.name,
            message: format!(
                "may or may not have been carried out and the payment's history does not say: {why}; check it before sending again"
            ),
        }),
    }
}

/// Asks on the terminal before changing a production payment.
fn confirm(op: &Operation, id: &str, amount: Decimal) -> Result<(), OpError> {
    let stdin = std::io::stdin();
    eprint!(
        "{} of {amount} on payment {id} in PRODUCTION. Continue? [y/N] ",
        op.name
    );
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    stdin
        .lock()
        .read_line(&mut answer)
        .map_err(|e| OpError::Input(format!("cannot read the answer: {e}")))?;
    if matches!(answer.trim(), "y" | "Y" | "yes") {
        Ok(())
    } else {
        Err(OpError::Input("not confirmed; nothing sent".into()))
    }
}
