//! The documents the benches decode, the two passes they compare, and the decode
//! calls into the generated Resurs types.

use std::fmt::Write as _;
use std::hint::black_box;

use resurs_aftershop::{msg_aftershopflow, v4};
use soap_runtime::rt;

/// A getPaymentResponse with the structure and values of the documented one:
/// an invoice payment authorized, debited and credited, two spec lines.
pub const GET_PAYMENT_RESPONSE: &str = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <ns2:getPaymentResponse xmlns:ns3="http://ecommerce.resurs.com/v4/msg/exception" xmlns:ns2="http://ecommerce.resurs.com/v4/msg/aftershopflow">
      <return>
        <id>Pay-1372762301644-3166</id>
        <totalAmount>0.00000000000000000000</totalAmount>
        <metaData>
          <key>Expressfrakt</key>
          <value>true</value>
        </metaData>
        <limit>3030.00000</limit>
        <paymentDiffs>
          <type>AUTHORIZE</type>
          <created>2013-07-02T12:51:51+02:00</created>
          <createdBy>SHOP_FLOW</createdBy>
          <paymentSpec>
            <specLines>
              <id>BOLT-002</id>
              <artNo>BOLT-002</artNo>
              <description>Bolt (M8x125mm)</description>
              <quantity>10.00000</quantity>
              <unitMeasure>st</unitMeasure>
              <unitAmountWithoutVat>1.60000</unitAmountWithoutVat>
              <vatPct>25.00000</vatPct>
              <totalVatAmount>4.000000000000000</totalVatAmount>
              <totalAmount>20.000000000000000</totalAmount>
            </specLines>
            <specLines>
              <id>NUT-001</id>
              <artNo>NUT-001</artNo>
              <description>Nut (M8)</description>
              <quantity>10.00000</quantity>
              <unitMeasure>st</unitMeasure>
              <unitAmountWithoutVat>0.80000</unitAmountWithoutVat>
              <vatPct>25.00000</vatPct>
              <totalVatAmount>2.000000000000000</totalVatAmount>
              <totalAmount>10.000000000000000</totalAmount>
            </specLines>
            <totalAmount>30.000000000000000</totalAmount>
            <totalVatAmount>6.000000000000000</totalVatAmount>
          </paymentSpec>
        </paymentDiffs>
        <paymentDiffs>
          <type>DEBIT</type>
          <transactionId>TrD-1372762301644-3166</transactionId>
          <created>2013-07-02T12:51:51+02:00</created>
          <paymentSpec>
            <totalAmount>30.0000000000</totalAmount>
            <totalVatAmount>6.0000000000</totalVatAmount>
          </paymentSpec>
          <orderId>Ord-1372762301644-3166</orderId>
          <invoiceId>DebInv-1372762301644-3166</invoiceId>
        </paymentDiffs>
        <paymentDiffs>
          <type>CREDIT</type>
          <transactionId>TrC-1372762301644-3166</transactionId>
          <created>2013-07-02T12:51:52+02:00</created>
          <paymentSpec>
            <totalAmount>30.0000000000</totalAmount>
            <totalVatAmount>6.0000000000</totalVatAmount>
          </paymentSpec>
          <invoiceId>CrN-1372762301644-3166</invoiceId>
        </paymentDiffs>
        <customer>
          <governmentId>8305147715</governmentId>
          <address>
            <fullName>Vincent Williamsson Alexandersson</fullName>
            <firstName>Vincent</firstName>
            <lastName>Williamsson Alexandersson</lastName>
            <addressRow1>Glassgatan 15</addressRow1>
            <postalArea>Göteborg</postalArea>
            <postalCode>41655</postalCode>
            <country>SE</country>
          </address>
          <phone>0707123456</phone>
          <email>testdata@resurs.se</email>
          <type>NATURAL</type>
        </customer>
        <booked>2013-07-02T12:51:49+02:00</booked>
        <finalized>2013-07-02T12:51:51+02:00</finalized>
        <paymentMethodId>Faktura</paymentMethodId>
        <fraud>false</fraud>
        <frozen>false</frozen>
        <status>IS_DEBITED</status>
        <status>IS_CREDITED</status>
        <paymentMethodType>INVOICE</paymentMethodType>
      </return>
    </ns2:getPaymentResponse>
  </soap:Body>
</soap:Envelope>
"#;

const METHODS: [(&str, &str); 4] = [
    ("Faktura", "Faktura"),
    ("Delbetalning", "Delbetalning 12 mån"),
    ("NyttKort", "Resurs Kort"),
    ("PARTPAY-24", "Dela upp (24 mån)"),
];

const NAMES: [(&str, &str); 6] = [
    ("8305147715", "Vincent Williamsson Alexandersson"),
    ("194608282333", "Åsa Öberg"),
    ("5566778899", "Björk &amp; Söner AB"),
    ("198001010003", "Maria Lindqvist"),
    ("7001015555", "Per-Erik Sjöström"),
    ("196512240000", "Ingrid Nyström Karlsson"),
];

const STATUSES: [&[&str]; 5] = [
    &["DEBITABLE"],
    &["IS_DEBITED", "CREDITABLE"],
    &["IS_DEBITED", "IS_CREDITED"],
    &["IS_ANNULLED"],
    &["DEBITABLE", "IS_DEBITED", "CREDITABLE"],
];

/// A findPaymentsResponse envelope with `items` `return` summaries (ids, names,
/// dates, decimals and statuses varying from item to item).
pub fn find_payments_response(items: usize) -> String {
    find_payments(items, true)
}

/// [`find_payments_response`] of the documented shape: Resurs's items omit the
/// required `totalBonusPoints`, so each one costs the decoder a diagnostic.
pub fn find_payments_response_documented(items: usize) -> String {
    find_payments(items, false)
}

fn find_payments(items: usize, bonus: bool) -> String {
    let mut xml = String::with_capacity(items * 640 + 512);
    xml.push_str(
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n  <soap:Body>\n    \
         <ns2:findPaymentsResponse xmlns:ns3=\"http://ecommerce.resurs.com/v4/msg/exception\" \
         xmlns:ns2=\"http://ecommerce.resurs.com/v4/msg/aftershopflow\">\n",
    );
    for i in 0..items {
        write_basic_payment(&mut xml, i, bonus);
    }
    xml.push_str("    </ns2:findPaymentsResponse>\n  </soap:Body>\n</soap:Envelope>\n");
    xml
}

fn write_basic_payment(xml: &mut String, i: usize, bonus: bool) {
    let (method_id, method_name) = METHODS[i % METHODS.len()];
    let (government_id, full_name) = NAMES[i % NAMES.len()];
    let statuses = STATUSES[i % STATUSES.len()];
    let (month, day) = (1 + i % 12, 1 + i % 28);
    let (hour, minute, second) = (8 + i % 12, i % 60, (i * 7) % 60);
    let cents = (i * 7919) % 1_000_000 + 100;
    let stamp = 1_372_762_301_644 + i * 1_337;
    // Writing to a String cannot fail.
    let _ = write!(
        xml,
        "      <return>\n        <paymentId>Pay-{stamp}-{i}</paymentId>\n        \
         <paymentMethodId>{method_id}</paymentMethodId>\n        \
         <paymentMethodName>{method_name}</paymentMethodName>\n        \
         <governmentId>{government_id}</governmentId>\n        <fullName>{full_name}</fullName>\n        \
         <booked>2013-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}+02:00</booked>\n        \
         <modified>2013-{month:02}-{day:02}T{:02}:{minute:02}:{second:02}.{:03}+02:00</modified>\n",
        hour + 1,
        i % 1000,
    );
    if !i.is_multiple_of(3) {
        let _ = writeln!(
            xml,
            "        <finalized>2013-{month:02}-{day:02}T{:02}:{minute:02}:{second:02}+02:00</finalized>",
            hour + 2,
        );
    }
    let _ = write!(
        xml,
        "        <totalAmount>{}.{:02}000</totalAmount>\n        <frozen>{}</frozen>\n",
        cents / 100,
        cents % 100,
        i % 50 == 7,
    );
    for status in statuses {
        let _ = writeln!(xml, "        <status>{status}</status>");
    }
    if bonus {
        let _ = writeln!(
            xml,
            "        <totalBonusPoints>{}</totalBonusPoints>",
            cents / 1000
        );
    }
    xml.push_str("      </return>\n");
}

/// The floor: every `xmlparser` token of `xml`, each consumed with `black_box`.
pub fn tokenize(xml: &str) -> usize {
    let mut tokens = 0;
    for token in xmlparser::Tokenizer::from(xml) {
        black_box(&token);
        tokens += 1;
    }
    tokens
}

/// A decoded response body, or what went wrong (a fault or a decode error).
pub type Outcome<T> = Result<rt::Decoded<T>, String>;

/// Decodes a getPayment response envelope into the generated types.
pub fn decode_get_payment(xml: &[u8]) -> Outcome<msg_aftershopflow::GetPaymentResponse> {
    decode::<msg_aftershopflow::GetPaymentResponse, v4::GetPaymentFault>(&v4::GET_PAYMENT, xml)
}

/// Decodes a findPayments response envelope into the generated types.
pub fn decode_find_payments(xml: &[u8]) -> Outcome<msg_aftershopflow::FindPaymentsResponse> {
    decode::<msg_aftershopflow::FindPaymentsResponse, v4::FindPaymentsFault>(
        &v4::FIND_PAYMENTS,
        xml,
    )
}

fn decode<T: rt::XmlType, F: rt::FaultDetail>(op: &rt::Operation, xml: &[u8]) -> Outcome<T> {
    let decoded = rt::envelope::decode_response::<T, F>(op, xml, &rt::DecodeOptions::default())
        .map_err(|e| e.to_string())?;
    match decoded.value {
        Ok(value) => Ok(rt::Decoded {
            value,
            diagnostics: decoded.diagnostics,
        }),
        Err(fault) => Err(format!("fault: {}", fault.string)),
    }
}
