//! Building the After Shop and ShopFlow clients.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use resurs_aftershop::{AfterShopClient, Environment};
//!
//! let client = AfterShopClient::builder(Environment::Test)
//!     .credentials("shop-user", "secret")
//!     .timeout(std::time::Duration::from_secs(30))
//!     .build()?;
//! let request = resurs_aftershop::msg_aftershopflow::GetPayment {
//!     payment_id: "Pay-1".parse()?,
//! };
//! let payment = client.get_payment(&request).await?;
//! println!("{} is at {}", payment.id, payment.total_amount);
//! # Ok(()) }
//! ```

use std::time::Duration;

use soap_runtime::client::BuildError;
use soap_runtime::ClientBuilder;

/// The generated client for `AfterShopFlowService`: one async method per
/// operation (finalize, annul, credit, additional debit, metadata, reads,
/// searches, documents, bonus points).
pub type AfterShopClient = crate::v4::AfterShopFlowServiceClient;

/// The generated client for the customer-identification-token operations of
/// `ShopFlowService` and its `getCustomerBonus`, which takes such a token
/// (or a Resurs card).
pub type ShopFlowClient = crate::v4::ShopFlowServiceClient;

/// Resurs Bank's After Shop endpoint in the test environment.
pub const TEST_AFTER_SHOP_ENDPOINT: &str =
    "https://test.resurs.com/ecommerce-test/ws/V4/AfterShopFlowService";
/// Resurs Bank's ShopFlow endpoint in the test environment.
pub const TEST_SHOP_FLOW_ENDPOINT: &str =
    "https://test.resurs.com/ecommerce-test/ws/V4/ShopFlowService";
/// Resurs Bank's After Shop endpoint in production.
pub const PRODUCTION_AFTER_SHOP_ENDPOINT: &str =
    "https://ecommerce.resurs.com/ws/V4/AfterShopFlowService";
/// Resurs Bank's ShopFlow endpoint in production.
pub const PRODUCTION_SHOP_FLOW_ENDPOINT: &str =
    "https://ecommerce.resurs.com/ws/V4/ShopFlowService";

/// Which Resurs Bank installation to talk to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Environment {
    /// `test.resurs.com`, for integration work.
    Test,
    /// The production service.
    Production,
    /// Any other base: the simulator, a proxy. The value is the full endpoint
    /// URL of the service (e.g. a `Simulator` handle's `after_shop_url()`).
    Custom(String),
}

/// Configures an [`AfterShopClient`] or a [`ShopFlowClient`]: endpoint, Basic
/// auth credentials, timeouts. Verified HTTPS is the default; plain `http://`
/// is used only when the endpoint says so.
#[derive(Debug)]
pub struct Builder<C> {
    inner: ClientBuilder,
    _client: std::marker::PhantomData<fn() -> C>,
}

impl<C> Builder<C> {
    fn new(endpoint: &str) -> Self {
        Self {
            inner: ClientBuilder::new(endpoint),
            _client: std::marker::PhantomData,
        }
    }

    /// HTTP Basic auth credentials of the web shop's Resurs user.
    pub fn credentials(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.inner = self.inner.basic_auth(user, password);
        self
    }

    /// Limit for establishing the TCP + TLS connection.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.inner = self.inner.connect_timeout(timeout);
        self
    }

    /// Limit for a whole call, from sending the request to the last byte of
    /// the response.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.inner = self.inner.timeout(timeout);
        self
    }

    /// Turns schema bends in responses (missing required elements...) into
    /// errors instead of logged diagnostics.
    pub fn strict(mut self, strict: bool) -> Self {
        self.inner = self.inner.strict(strict);
        self
    }

    /// Gives access to every other runtime option (response size limit,
    /// extra root certificates, diagnostics hook).
    pub fn configure(mut self, f: impl FnOnce(ClientBuilder) -> ClientBuilder) -> Self {
        self.inner = f(self.inner);
        self
    }
}

impl Builder<AfterShopClient> {
    /// Builds the After Shop client.
    pub fn build(self) -> Result<AfterShopClient, BuildError> {
        Ok(AfterShopClient::new(self.inner.build()?))
    }
}

impl Builder<ShopFlowClient> {
    /// Builds the ShopFlow token client.
    pub fn build(self) -> Result<ShopFlowClient, BuildError> {
        Ok(ShopFlowClient::new(self.inner.build()?))
    }
}

impl AfterShopClient {
    /// Starts configuring a client for `environment`.
    pub fn builder(environment: Environment) -> Builder<AfterShopClient> {
        Builder::new(match &environment {
            Environment::Test => TEST_AFTER_SHOP_ENDPOINT,
            Environment::Production => PRODUCTION_AFTER_SHOP_ENDPOINT,
            Environment::Custom(url) => url,
        })
    }
}

impl ShopFlowClient {
    /// Starts configuring a client for `environment`.
    pub fn builder(environment: Environment) -> Builder<ShopFlowClient> {
        Builder::new(match &environment {
            Environment::Test => TEST_SHOP_FLOW_ENDPOINT,
            Environment::Production => PRODUCTION_SHOP_FLOW_ENDPOINT,
            Environment::Custom(url) => url,
        })
    }
}
