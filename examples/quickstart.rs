//! An after-shop day against the embedded simulator, through the generated
//! client: look up a payment, finalize part of it, add a debit, credit a
//! line, annul the rest, fetch the invoice PDF, search, and read a fault.
//!
//! ```sh
//! cargo run --example quickstart
//! ```

use std::error::Error;

use resurs_aftershop::common::{Id, PaymentSpec, PaymentStatus};
use resurs_aftershop::msg_aftershopflow::{
    AdditionalDebitOfPayment, AnnulPayment, CreditPayment, FinalizePayment, FindPayments,
    GetPayment, GetPaymentDocument, GetPaymentDocumentNames,
};
use resurs_aftershop::rules::{Action, LineItem, OrderStatus, PaymentSpecBuilder, PaymentState};
use resurs_aftershop::simulator::{Fixtures, Simulator};
use resurs_aftershop::types_aftershopflow::{Payment, SearchCriteria};
use resurs_aftershop::{ecommerce_error, AfterShopClient, Environment};
use rust_decimal::Decimal;
use soap_runtime::rt::Nillable;

/// One invoice payment, booked when the simulator starts: two jackets, a pair
/// of boots and shipping, all at 25 % VAT, with a credit limit of 5,000.
const FIXTURES: &str = r#"[{
  "paymentId": "order-1001",
  "paymentMethodId": "Faktura",
  "paymentMethodType": "INVOICE",
  "methodKind": "resurs_invoice",
  "limit": "5000.00",
  "customer": {
    "governmentId": "198305147715",
    "address": {
      "fullName": "Vincent Williamsson", "firstName": "Vincent", "lastName": "Williamsson",
      "addressRow1": "Glassgatan 15", "postalArea": "Göteborg", "postalCode": "41655",
      "country": "SE"
    },
    "phone": "0707123456",
    "email": "vincent@example.com",
    "type": "NATURAL"
  },
  "spec": {
    "specLines": [
      {"id": "1", "artNo": "JKT-01", "description": "Rain jacket", "quantity": "2", "unitMeasure": "st",
       "unitAmountWithoutVat": "800.00", "vatPct": "25", "totalVatAmount": "400.00", "totalAmount": "2000.00"},
      {"id": "2", "artNo": "BOOT-07", "description": "Hiking boots", "quantity": "1", "unitMeasure": "st",
       "unitAmountWithoutVat": "1200.00", "vatPct": "25", "totalVatAmount": "300.00", "totalAmount": "1500.00"},
      {"id": "3", "artNo": "SHIP", "description": "Shipping", "quantity": "1", "unitMeasure": "st",
       "unitAmountWithoutVat": "49.00", "vatPct": "25", "totalVatAmount": "12.25", "totalAmount": "61.25"}
    ],
    "totalAmount": "3561.25",
    "totalVatAmount": "712.25"
  }
}]"#;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let simulator = Simulator::builder()
        .fixtures(Fixtures::from_json(FIXTURES)?)
        .user("webshop", "not-a-real-password")
        .start()
        .await?;
    println!("simulator listening on {}", simulator.url());

    let client = AfterShopClient::builder(Environment::Custom(simulator.after_shop_url()))
        .credentials("webshop", "not-a-real-password")
        .build()?;
    let order = Id::new("order-1001")?;

    step("1. Look up the payment");
    show(&get(&client, &order).await?);

    step("2. Ship the jackets: finalize that part (the invoice is created)");
    client
        .finalize_payment(&FinalizePayment {
            payment_id: order.clone(),
            part_payment_spec: Some(spec([jacket(2)])?.into()),
            order_id: Some(Id::new("WEB-1001")?.into()),
            invoice_id: Some(Id::new("INV-1001")?.into()),
            created_by: Some(Nillable::Value("warehouse".parse()?)),
            ..Default::default()
        })
        .await?;
    show(&get(&client, &order).await?);

    step("3. The customer adds a scarf: additional debit within the limit");
    client
        .additional_debit_of_payment(&AdditionalDebitOfPayment {
            payment_id: order.clone(),
            payment_spec: Some(spec([line("4", "SCRF-3", "Wool scarf", 1, "200.00")])?.into()),
            ..Default::default()
        })
        .await?;
    show(&get(&client, &order).await?);

    step("4. One jacket comes back: credit that line");
    client
        .credit_payment(&CreditPayment {
            payment_id: order.clone(),
            part_payment_spec: Some(spec([jacket(1)])?.into()),
            credit_note_id: Some(Id::new("CR-1001-1")?.into()),
            ..Default::default()
        })
        .await?;
    show(&get(&client, &order).await?);

    step("5. The boots are out of stock: annul everything not yet debited");
    client
        .annul_payment(&AnnulPayment {
            payment_id: order.clone(),
            ..Default::default()
        })
        .await?;
    show(&get(&client, &order).await?);

    step("6. Fetch the invoice PDF");
    let names = client
        .get_payment_document_names(&GetPaymentDocumentNames {
            payment_id: order.clone(),
        })
        .await?;
    println!("   documents: {}", names.join(", "));
    if let Some(invoice) = names.iter().find(|name| name.starts_with("INVOICE")) {
        let pdf = client
            .get_payment_document(&GetPaymentDocument {
                payment_id: order.clone(),
                document_name: invoice.parse()?,
            })
            .await?;
        let path = std::env::temp_dir().join(format!("{}.pdf", pdf.name));
        std::fs::write(&path, &pdf.pdf_data.0)?;
        println!(
            "   wrote {} ({} bytes)",
            path.display(),
            pdf.pdf_data.0.len()
        );
    }

    step("7. Search: credited payments of this customer");
    let found = client
        .find_payments(&FindPayments {
            search_criteria: SearchCriteria {
                government_id: Some(Nillable::Value("198305147715".parse()?)),
                status_set: vec![PaymentStatus::IsCredited],
                ..Default::default()
            },
            ..Default::default()
        })
        .await?;
    for hit in &found {
        println!(
            "   {} {} {} {:?}",
            hit.payment_id,
            hit.full_name,
            hit.total_amount,
            OrderStatus::of_basic(hit)
        );
    }

    step("8. A payment the bank does not know: the fault and its user message");
    let missing = Id::new("order-9999")?;
    match client
        .get_payment(&GetPayment {
            payment_id: missing,
        })
        .await
    {
        Ok(_) => println!("   unexpectedly found"),
        Err(err) => {
            println!("   shown to the customer: {err}");
            if let Some(e) = ecommerce_error(&err) {
                println!(
                    "   error type {}, fixable by you: {}",
                    e.error_type(),
                    e.fixable_by_you
                );
            }
            if let Some(fault) = err.fault() {
                println!("   for the logs only: {}", fault.faultstring());
            }
        }
    }

    simulator.stop().await;
    Ok(())
}

async fn get(client: &AfterShopClient, id: &Id) -> Result<Payment, Box<dyn Error>> {
    Ok(client
        .get_payment(&GetPayment {
            payment_id: id.clone(),
        })
        .await?)
}

fn step(title: &str) {
    println!("\n{title}");
}

/// What changed: the statuses, the shop's order status and what each
/// operation may still move.
fn show(payment: &Payment) {
    let statuses: Vec<&str> = payment.status.iter().map(PaymentStatus::as_str).collect();
    let state = PaymentState::of(payment);
    let order_status = OrderStatus::of(payment)
        .map(|s| s.resurs_name())
        .unwrap_or("(no row of the order-status table)");
    println!(
        "   status [{}], order status {order_status}",
        statuses.join(", ")
    );
    println!(
        "   total {}, may still finalize {}, annul {}, credit {}, add {}",
        payment.total_amount,
        state.max_amount(Action::Finalize),
        state.max_amount(Action::Annul),
        state.max_amount(Action::Credit),
        state.max_amount(Action::AdditionalDebit),
    );
}

fn jacket(quantity: i64) -> LineItem {
    line("1", "JKT-01", "Rain jacket", quantity, "800.00")
}

fn line(id: &str, art_no: &str, description: &str, quantity: i64, unit: &str) -> LineItem {
    LineItem::new(
        id,
        art_no,
        description,
        Decimal::from(quantity),
        unit.parse().unwrap_or_default(),
        Decimal::from(25),
    )
    .unit_measure("st")
}

fn spec<const N: usize>(lines: [LineItem; N]) -> Result<PaymentSpec, Box<dyn Error>> {
    Ok(lines
        .into_iter()
        .fold(PaymentSpecBuilder::new(), PaymentSpecBuilder::line)
        .build()?)
}
