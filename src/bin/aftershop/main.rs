//! `aftershop`: command-line tools for Resurs Bank's After Shop service.
//!
//! * `aftershop simulate --listen 127.0.0.1:8080 [--fixtures FILE] [--faults FILE]
//!   [--user NAME:PASSWORD]... [--log FILE]` serves the offline simulator until Ctrl-C.
//! * `aftershop decode` prints a logged envelope as JSON.
//! * The operator commands (`get`, `find`, `finalize`, `annul`, `credit`,
//!   `additional-debit`, `metadata`, `documents`, `document`, `token`,
//!   `bonus`) call the service and print its answer as JSON (see `operator`).

mod mutate;
mod operator;

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use resurs_aftershop::simulator::{
    FaultError, FixtureError, Fixtures, InjectedFault, Simulator, StartError, User, UserError,
};

/// Command-line tools for Resurs Bank's After Shop service.
#[derive(Debug, Parser)]
#[command(name = "aftershop", version, about)]
struct Cli {
    #[command(flatten)]
    connection: operator::Connection,
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the offline After Shop simulator (AfterShopFlowService and
    /// ShopFlowService at Resurs's paths) until Ctrl-C.
    Simulate(SimulateArgs),
    /// Print one logged SOAP envelope (FILE, or stdin) as JSON. Exit status:
    /// 0 message, 3 SOAP fault, 2 undecodable or too large input, or
    /// diagnostics cut off (see --accept-truncated).
    Decode(resurs_aftershop::decode::DecodeArgs),
    #[command(flatten)]
    Operator(Box<operator::OperatorCommand>),
}

/// Arguments of `aftershop simulate`.
#[derive(Debug, Args)]
struct SimulateArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// JSON array of payments to book at start (default: the built-in demo set).
    #[arg(long, value_name = "FILE")]
    fixtures: Option<PathBuf>,
    /// JSON array of faults to inject, counted from start-up, e.g.
    /// `[{"operation": "finalizePayment", "call": 1, "action": "drop-after-commit"}]`.
    #[arg(long, value_name = "FILE")]
    faults: Option<PathBuf>,
    /// A user let in with HTTP Basic authentication (repeatable). Without
    /// one, a user `demo` with a random password, printed at start.
    // The id `user` keeps the operator commands' global `--user NAME` out of
    // `simulate`; clap hands the values to that global too, so they stay strings.
    #[arg(long, value_name = "NAME:PASSWORD", value_parser = user_arg)]
    user: Vec<String>,
    /// Append one JSON line per request to FILE (time, operation, user,
    /// outcome, duration_ms, payment_id).
    #[arg(long, value_name = "FILE")]
    log: Option<PathBuf>,
}

/// A `--user` value that parses as a [`User`].
fn user_arg(text: &str) -> Result<String, UserError> {
    text.parse::<User>().map(|_| text.to_owned())
}

/// Why `simulate` failed.
#[derive(Debug, thiserror::Error)]
enum SimulateError {
    #[error(transparent)]
    Fixtures(#[from] FixtureError),
    #[error(transparent)]
    Faults(#[from] FaultError),
    #[error(transparent)]
    Start(#[from] StartError),
    #[error(transparent)]
    User(#[from] UserError),
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    #[error("cannot write to stdout: {0}")]
    Stdout(std::io::Error),
    #[error("cannot wait for Ctrl-C: {0}")]
    Signal(std::io::Error),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    install_tracing();
    let result = match cli.command {
        Command::Simulate(args) => simulate(args),
        Command::Decode(args) => return args.run(),
        Command::Operator(command) => return operator::run(&cli.connection, *command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Every error's message already includes its cause.
            eprintln!("aftershop: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Logs to stderr, filtered by `RUST_LOG` (default: warnings and errors).
fn install_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

fn simulate(args: SimulateArgs) -> Result<(), SimulateError> {
    let fixtures = match &args.fixtures {
        Some(path) => Fixtures::from_file(path)?,
        None => Fixtures::Demo,
    };
    let faults = match &args.faults {
        Some(path) => InjectedFault::list_from_file(path)?,
        None => Vec::new(),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(SimulateError::Runtime)?;
    let users = args
        .user
        .iter()
        .map(|user| user.parse::<User>())
        .collect::<Result<Vec<_>, _>>()?;
    runtime.block_on(async {
        let builder = Simulator::builder().fixtures(fixtures).listen(args.listen);
        let builder = users
            .iter()
            .fold(builder, |b, user| b.user(user.name(), user.password()));
        let builder = faults.into_iter().fold(builder, |b, fault| b.fault(fault));
        let builder = match args.log {
            Some(path) => builder.log(path),
            None => builder,
        };
        let simulator = builder.start().await?;
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "listening on {}", simulator.url()).map_err(SimulateError::Stdout)?;
        if let Some(demo) = simulator.demo_user() {
            writeln!(stdout, "user {} password {}", demo.name(), demo.password())
                .map_err(SimulateError::Stdout)?;
        }
        stdout.flush().map_err(SimulateError::Stdout)?;
        drop(stdout);
        let waited = tokio::signal::ctrl_c().await;
        simulator.stop().await;
        waited.map_err(SimulateError::Signal)
    })
}
