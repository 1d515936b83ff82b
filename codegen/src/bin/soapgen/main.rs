//! `soapgen`: generate Rust from WSDL/XSD, inspect what a WSDL holds, or
//! download a WSDL with everything it imports.

mod fetch;
mod inspect;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};
use soap_codegen::{model, parse, resolve, Config};

#[derive(Parser)]
#[command(
    name = "soapgen",
    version,
    about = "Rust code from WSDL 1.1 + XSD (SOAP 1.1 and 1.2 document/literal)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a Rust file (types, clients, server traits).
    Generate {
        /// A WSDL file (repeatable).
        #[arg(long)]
        wsdl: Vec<PathBuf>,
        /// A schema file (repeatable).
        #[arg(long)]
        xsd: Vec<PathBuf>,
        /// `URL_PREFIX=DIR`: schema locations starting with the prefix are read from DIR.
        #[arg(long, value_parser = parse_pair)]
        location: Vec<(String, String)>,
        /// A directory outside the WSDL's own that schema locations may
        /// lead into (repeatable; symbolic links are followed before checking).
        #[arg(long, value_name = "DIR")]
        allow_path: Vec<PathBuf>,
        /// `NAMESPACE=MODULE`: the module name of a namespace.
        #[arg(long, value_parser = parse_pair)]
        module: Vec<(String, String)>,
        /// Keep only this operation (repeatable) and the types it uses; an
        /// unknown name is an error.
        #[arg(long)]
        operation: Vec<String>,
        /// `{NS}TYPE=FIELD`: the fault detail field meant for end users.
        #[arg(long, value_parser = parse_pair)]
        user_message: Vec<(String, String)>,
        /// Derive serde's Serialize/Deserialize.
        #[arg(long)]
        serde: bool,
        /// The output file; `-` writes to standard output.
        #[arg(long)]
        out: PathBuf,
    },
    /// Show services, operations and types of a WSDL or XSD (a file, or an
    /// http/https URL that is fetched with its imports first).
    Inspect {
        /// The WSDL or XSD file, or its URL.
        file: String,
        /// Print the summary as JSON (XML and Rust names side by side).
        #[arg(long, conflicts_with = "stage")]
        json: bool,
        /// Dump one pipeline stage instead of the summary.
        #[arg(long, value_enum)]
        stage: Option<Stage>,
        /// `URL_PREFIX=DIR`, as for `generate`.
        #[arg(long, value_parser = parse_pair)]
        location: Vec<(String, String)>,
        /// A directory outside the file's own that schema locations may
        /// lead into, as for `generate` (repeatable).
        #[arg(long, value_name = "DIR")]
        allow_path: Vec<PathBuf>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Download a WSDL (or XSD) and every file it imports or includes into
    /// DIR, with each location rewritten to the local file.
    Fetch {
        /// The http or https URL of the WSDL or XSD.
        url: String,
        /// The directory to write the files to (created if needed).
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        limits: LimitArgs,
    },
}

/// Limits of downloading (`fetch`, `inspect URL`).
#[derive(clap::Args)]
struct LimitArgs {
    /// Most files to download.
    #[arg(long, default_value_t = fetch::FetchLimits::MAX_FILES)]
    max_files: usize,
    /// Largest file accepted, in bytes.
    #[arg(long, default_value_t = fetch::FetchLimits::MAX_FILE_BYTES)]
    max_file_bytes: u64,
    /// Most bytes downloaded in all.
    #[arg(long, default_value_t = fetch::FetchLimits::MAX_TOTAL_BYTES)]
    max_total_bytes: u64,
    /// Seconds one download may take, connecting included.
    #[arg(long, default_value_t = fetch::FetchLimits::TIMEOUT.as_secs())]
    timeout: u64,
}

impl LimitArgs {
    fn limits(&self) -> fetch::FetchLimits {
        fetch::FetchLimits {
            max_files: self.max_files,
            max_file_bytes: self.max_file_bytes,
            max_total_bytes: self.max_total_bytes,
            timeout: Duration::from_secs(self.timeout),
            ..fetch::FetchLimits::default()
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Stage {
    Parse,
    Resolve,
    Model,
}

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
enum CliError {
    /// Generation (or the stages `inspect` runs) failed.
    #[error(transparent)]
    Generate(#[from] soap_codegen::Error),
    /// Downloading failed.
    #[error(transparent)]
    Fetch(#[from] fetch::FetchError),
    /// A local file or directory could not be used.
    #[error("{}: {message}", path.display())]
    Io { path: PathBuf, message: String },
    /// Writing to standard output failed (other than the reader going away).
    #[error("standard output: {0}")]
    Stdout(std::io::Error),
    /// The reader of standard output closed it (`soapgen inspect | head`):
    /// not a failure, the command just stops.
    #[error("standard output was closed")]
    ClosedPipe,
}

fn parse_pair(s: &str) -> Result<(String, String), String> {
    // The key may hold `=` (URLs with queries); split at the last one.
    s.rsplit_once('=')
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .ok_or_else(|| format!("expected KEY=VALUE, got `{s}`"))
}

fn main() -> ExitCode {
    init_tracing();
    match run(Cli::parse()) {
        Ok(()) | Err(CliError::ClosedPipe) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "{e}");
            ExitCode::FAILURE
        }
    }
}

/// Logs to standard error, filtered by `RUST_LOG` (warnings by default).
fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::builder()
        .with_default_directive(tracing_subscriber::filter::LevelFilter::WARN.into())
        .from_env_lossy();
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

/// Writes `text` to standard output; a closed pipe is [`CliError::ClosedPipe`].
fn print(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::BrokenPipe => CliError::ClosedPipe,
            _ => CliError::Stdout(e),
        })
}

fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Generate {
            wsdl,
            xsd,
            location,
            allow_path,
            module,
            operation,
            user_message,
            serde,
            out,
        } => {
            let mut config = Config::new().serde(serde).emit_rerun_if_changed(false);
            for w in wsdl {
                config = config.wsdl(w);
            }
            for x in xsd {
                config = config.xsd(x);
            }
            for (prefix, dir) in location {
                config = config.location(prefix, dir);
            }
            for dir in allow_path {
                config = config.allow_path(dir);
            }
            for (ns, name) in module {
                config = config.module(ns, name);
            }
            for (ty, field) in user_message {
                config = config.user_message(ty, field);
            }
            if !operation.is_empty() {
                config = config.operations(operation);
            }
            let warnings = if out == Path::new("-") {
                let (code, warnings) = config.generate_string_report()?;
                print(&code)?;
                warnings
            } else {
                config.out_file(&out).generate_report()?.warnings
            };
            for warning in &warnings {
                eprintln!("{warning}");
            }
            Ok(())
        }
        Command::Inspect {
            file,
            json,
            stage,
            location,
            allow_path,
            limits,
        } => {
            if fetch::is_url(&file) {
                let dir = tempfile::Builder::new()
                    .prefix("soapgen-inspect-")
                    .tempdir()
                    .map_err(|e| CliError::Io {
                        path: std::env::temp_dir(),
                        message: format!("cannot create a temporary directory: {e}"),
                    })?;
                let fetched = fetch::fetch(&file, dir.path(), &limits.limits())?;
                inspect_file(&fetched.root_path(), json, stage, &location, &allow_path)
            } else {
                inspect_file(Path::new(&file), json, stage, &location, &allow_path)
            }
        }
        Command::Fetch { url, out, limits } => {
            let fetched = fetch::fetch(&url, &out, &limits.limits())?;
            print(&fetched.summary())
        }
    }
}

fn inspect_file(
    file: &Path,
    json: bool,
    stage: Option<Stage>,
    location: &[(String, String)],
    allow_path: &[PathBuf],
) -> Result<(), CliError> {
    let mut map: parse::LocationMap = location.iter().cloned().collect();
    for dir in allow_path {
        map.allow(dir);
    }
    let docs = parse::load(&[file.to_path_buf()], &map, &parse::Limits::default())
        .map_err(soap_codegen::Error::from)?;
    if let Some(Stage::Parse) = stage {
        return print(&format!("{docs:#?}\n"));
    }
    let resolved = resolve::resolve(&docs).map_err(soap_codegen::Error::from)?;
    if let Some(Stage::Resolve) = stage {
        return print(&format!("{resolved:#?}\n"));
    }
    let model = model::build(&resolved, &model::ModelOptions::default())
        .map_err(soap_codegen::Error::from)?;
    match stage {
        Some(Stage::Model) => print(&format!("{model:#?}\n")),
        _ if json => print(&inspect::Report::new(&docs, &resolved, &model).json()),
        _ => print(&inspect::Report::new(&docs, &resolved, &model).text()),
    }
}
