//! Serving the simulated services over HTTP, at the paths Resurs uses.

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use soap_runtime::server::{Limits, Router, Server, ServerHandle};

use super::adapter::{self, AFTER_SHOP_PATH, SHOP_FLOW_PATH};
use super::admin::{Admin, ADMIN_PATH};
use super::auth::{self, User, Users};
use super::bank::Bank;
use super::fault::SimFault;
use super::fixtures::Fixtures;
use super::inject::{FaultPlan, Inject, InjectedFault};
use super::log::{LogError, Logged, RequestLog};
use super::wsdl;

/// Why a simulator did not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The address cannot be listened on.
    #[error("cannot listen on {addr}: {cause}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause (in the message, so not a `source()`).
        cause: io::Error,
    },
    /// The fixtures cannot be booked.
    #[error("cannot book the fixtures: {0}")]
    Fixtures(SimFault),
    /// The request log cannot be opened.
    #[error(transparent)]
    Log(#[from] LogError),
    /// No random password for the demo user.
    #[error("cannot draw a random password for the demo user: {0}")]
    Random(getrandom::Error),
}

/// The embedded After Shop simulator.
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use resurs_aftershop::simulator::Simulator;
/// let sim = Simulator::start().await?;
/// println!("After Shop at {}", sim.after_shop_url());
/// sim.stop().await;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Simulator;

impl Simulator {
    /// Starts a simulator with the demo set on a free loopback port.
    pub async fn start() -> Result<SimulatorHandle, StartError> {
        Self::builder().start().await
    }

    /// Configures a simulator.
    pub fn builder() -> SimulatorBuilder {
        SimulatorBuilder::default()
    }
}

/// Settings of a simulator to start.
#[derive(Debug, Clone)]
pub struct SimulatorBuilder {
    fixtures: Fixtures,
    listen: SocketAddr,
    users: Vec<User>,
    limits: Limits,
    faults: Vec<InjectedFault>,
    log: Option<PathBuf>,
}

impl Default for SimulatorBuilder {
    fn default() -> Self {
        Self {
            fixtures: Fixtures::Demo,
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            users: Vec::new(),
            limits: Limits::default(),
            faults: Vec::new(),
            log: None,
        }
    }
}

impl SimulatorBuilder {
    /// The payments booked at start (default: the demo set).
    pub fn fixtures(mut self, fixtures: Fixtures) -> Self {
        self.fixtures = fixtures;
        self
    }

    /// The address to listen on (default: `127.0.0.1:0`, a free port).
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.listen = addr;
        self
    }

    /// Lets `name` in with `password` (HTTP Basic). Repeat for more users.
    /// Without any, the simulator has one user [`DEMO_USER`](crate::simulator::DEMO_USER) with a
    /// random password ([`SimulatorHandle::demo_user`]).
    pub fn user(mut self, name: impl Into<String>, password: impl Into<String>) -> Self {
        self.users.push(User::new(name, password));
        self
    }

    /// What the server grants each connection (default: [`Limits::default`]).
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// A fault to inject, counted from start-up (see [`super::inject`]);
    /// `POST admin/reset` clears it.
    pub fn fault(mut self, fault: InjectedFault) -> Self {
        self.faults.push(fault);
        self
    }

    /// Appends a JSON line per request to `path` (created if missing; see
    /// the module documentation of [`simulator`](crate::simulator) for the fields).
    pub fn log(mut self, path: impl Into<PathBuf>) -> Self {
        self.log = Some(path.into());
        self
    }

    /// Books the fixtures and starts serving.
    pub async fn start(self) -> Result<SimulatorHandle, StartError> {
        let bank = Arc::new(Bank::new());
        bank.load(&self.fixtures).map_err(StartError::Fixtures)?;
        let (users, demo_user) = if self.users.is_empty() {
            let demo = User::demo().map_err(StartError::Random)?;
            (vec![demo.clone()], Some(demo))
        } else {
            (self.users, None)
        };
        let log = self.log.as_deref().map(RequestLog::open).transpose()?;
        let users = Users::new(users);
        let server = Server::bind(self.listen)
            .await
            .map_err(|cause| StartError::Bind {
                addr: self.listen,
                cause,
            })?
            .limits(self.limits);
        let plan = Arc::new(FaultPlan::default());
        self.faults.iter().for_each(|fault| plan.add(fault));
        let router = adapter::mount(Router::new(), &bank);
        let service = Admin::new(
            Inject::new(router, plan.clone()),
            bank.clone(),
            self.fixtures,
            plan,
        );
        let base = format!("http://{}", server.local_addr());
        // Every route inside `guarded` (services and admin) needs the credentials of a user.
        let guarded = auth::Guard::new(users.clone(), service);
        // The service descriptions are public, as the bank's are.
        let public = wsdl::Metadata::new(base, guarded);
        let logged = Logged::new(log, users, public);
        Ok(SimulatorHandle {
            server: server.serve(logged),
            bank,
            demo_user,
        })
    }
}

/// A running simulator.
#[derive(Debug)]
pub struct SimulatorHandle {
    server: ServerHandle,
    bank: Arc<Bank>,
    demo_user: Option<User>,
}

impl SimulatorHandle {
    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> String {
        self.server.url().trim_end_matches('/').to_owned()
    }

    /// The After Shop endpoint.
    pub fn after_shop_url(&self) -> String {
        format!("{}{AFTER_SHOP_PATH}", self.url())
    }

    /// The admin endpoint, e.g. `http://127.0.0.1:41234/ecommerce-test/ws/V4/admin`
    /// (`POST …/admin/payments`, `…/admin/reset`, `…/admin/faults`).
    pub fn admin_url(&self) -> String {
        format!("{}{ADMIN_PATH}", self.url())
    }

    /// The ShopFlow endpoint.
    pub fn shop_flow_url(&self) -> String {
        format!("{}{SHOP_FLOW_PATH}", self.url())
    }

    /// The address served.
    pub fn local_addr(&self) -> SocketAddr {
        self.server.local_addr()
    }

    /// The bank behind the services (to inspect or prepare state in tests).
    pub fn bank(&self) -> &Arc<Bank> {
        &self.bank
    }

    /// The demo user, when the simulator was started without
    /// [`SimulatorBuilder::user`]: name [`DEMO_USER`](crate::simulator::DEMO_USER), a random password.
    pub fn demo_user(&self) -> Option<&User> {
        self.demo_user.as_ref()
    }

    /// Stops serving and waits for open connections to finish.
    pub async fn stop(self) {
        self.server.shutdown().await;
    }
}
