//! `soapgen`: generate Rust from WSDL/XSD, or inspect what a WSDL holds.
#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use soap_codegen::model::{Field, Model, Occurrence, RustType, TypeKind, Unwrap};
use soap_codegen::{parse, resolve, Config};

#[derive(Parser)]
#[command(
    name = "soapgen",
    version,
    about = "Rust code from WSDL 1.1 + XSD (SOAP 1.1 document/literal)"
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
        /// `NAMESPACE=MODULE`: the module name of a namespace.
        #[arg(long, value_parser = parse_pair)]
        module: Vec<(String, String)>,
        /// Keep only this operation (repeatable) and the types it uses.
        #[arg(long)]
        operation: Vec<String>,
        /// `{NS}TYPE=FIELD`: the fault detail field meant for end users.
        #[arg(long, value_parser = parse_pair)]
        user_message: Vec<(String, String)>,
        /// Derive serde's Serialize/Deserialize.
        #[arg(long)]
        serde: bool,
        /// The output file.
        #[arg(long)]
        out: PathBuf,
    },
    /// Show services, operations and types of a WSDL or XSD.
    Inspect {
        /// The WSDL or XSD file.
        file: PathBuf,
        /// Dump one pipeline stage instead of the summary.
        #[arg(long, value_enum)]
        stage: Option<Stage>,
        /// `URL_PREFIX=DIR`, as for `generate`.
        #[arg(long, value_parser = parse_pair)]
        location: Vec<(String, String)>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Stage {
    Parse,
    Resolve,
    Model,
}

fn parse_pair(s: &str) -> Result<(String, String), String> {
    // The key may hold `=` (URLs with queries); split at the last one.
    s.rsplit_once('=')
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .ok_or_else(|| format!("expected KEY=VALUE, got `{s}`"))
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Generate {
            wsdl,
            xsd,
            location,
            module,
            operation,
            user_message,
            serde,
            out,
        } => {
            let mut config = Config::new()
                .serde(serde)
                .out_file(&out)
                .emit_rerun_if_changed(false);
            for w in wsdl {
                config = config.wsdl(w);
            }
            for x in xsd {
                config = config.xsd(x);
            }
            for (prefix, dir) in location {
                config = config.location(prefix, dir);
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
            config.generate().map(|_| ()).map_err(|e| e.to_string())
        }
        Command::Inspect {
            file,
            stage,
            location,
        } => {
            let mut map = parse::LocationMap::new();
            for (prefix, dir) in &location {
                map.insert(prefix.clone(), dir.clone());
            }
            let inputs = [file.clone()];
            match stage {
                Some(Stage::Parse) => {
                    let docs = parse::load(&inputs, &map, &parse::Limits::default())
                        .map_err(|e| e.to_string())?;
                    println!("{docs:#?}");
                }
                Some(Stage::Resolve) => {
                    let docs = parse::load(&inputs, &map, &parse::Limits::default())
                        .map_err(|e| e.to_string())?;
                    let resolved = resolve::resolve(&docs).map_err(|e| e.to_string())?;
                    println!("{resolved:#?}");
                }
                Some(Stage::Model) => println!("{:#?}", model(&file, &location)?),
                None => print!("{}", summary(&model(&file, &location)?)),
            }
            Ok(())
        }
    }
}

fn model(file: &std::path::Path, location: &[(String, String)]) -> Result<Model, String> {
    let is_xsd = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xsd"));
    let mut config = if is_xsd {
        Config::new().xsd(file)
    } else {
        Config::new().wsdl(file)
    };
    for (prefix, dir) in location {
        config = config.location(prefix.clone(), dir.clone());
    }
    config.model().map_err(|e| e.to_string())
}

fn ty(t: &RustType) -> String {
    match t {
        RustType::Builtin(b) => b.rust().to_string(),
        RustType::Named { module, name } => format!("{module}::{name}"),
    }
}

/// Services, ports, operations and types, like `python -m zeep`.
fn summary(model: &Model) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for m in &model.modules {
        for s in &m.services {
            let _ = writeln!(out, "Service: {}", s.service);
            let _ = writeln!(
                out,
                "  Port: {} ({})",
                s.port,
                s.address.as_deref().unwrap_or("no address")
            );
            let _ = writeln!(out, "    Operations:");
            for op in s.operations.iter().filter_map(|i| m.operations.get(*i)) {
                let returns = match &op.output.unwrap {
                    Unwrap::Whole => ty(&op.output.message.ty),
                    Unwrap::Empty => "()".to_string(),
                    Unwrap::Field { ty: ft, .. } => shaped(ft.occurrence, &ty(&ft.ty)),
                };
                let _ = writeln!(
                    out,
                    "      {}({}) -> {}",
                    op.name,
                    ty(&op.input.ty),
                    returns
                );
                for f in op.faults.iter().flat_map(|f| &f.variants) {
                    let _ = writeln!(out, "        fault {}: {}", f.fault, ty(&f.ty));
                }
            }
        }
    }
    let _ = writeln!(out, "Types:");
    for m in &model.modules {
        if m.types.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  {} ({}):", m.name, m.namespace);
        for t in &m.types {
            let what = match &t.kind {
                TypeKind::Struct(s) => {
                    let fields: Vec<String> = s
                        .fields
                        .iter()
                        .map(|f| match f {
                            Field::Element(e) => {
                                format!(
                                    "{}: {}",
                                    e.xml.local,
                                    shaped(e.ty.occurrence, &ty(&e.ty.ty))
                                )
                            }
                            Field::Choice(c) => format!("{}: choice {}", c.name, ty(&c.ty)),
                        })
                        .chain(
                            s.attributes
                                .iter()
                                .map(|a| format!("@{}: {}", a.xml.local, ty(&a.ty))),
                        )
                        .collect();
                    format!("struct {{ {} }}", fields.join(", "))
                }
                TypeKind::Newtype(n) => format!("newtype {}", n.inner.rust()),
                TypeKind::Enumeration(e) => {
                    let v: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
                    format!("enum {}", v.join(" | "))
                }
                TypeKind::List(i) => format!("list of {}", ty(i)),
                TypeKind::Union(vs) => {
                    let v: Vec<String> = vs.iter().map(|v| ty(&v.ty)).collect();
                    format!("union {}", v.join(" | "))
                }
                TypeKind::Choice(alts) => {
                    let v: Vec<&str> = alts.iter().map(|a| a.xml.local.as_str()).collect();
                    format!("choice {}", v.join(" | "))
                }
                TypeKind::Alias(t) => format!("= {}", ty(t)),
            };
            let _ = writeln!(out, "    {}: {what}", t.name);
        }
    }
    out
}

/// `T` in the Rust shape its occurrence gives it (`Option<T>`, `Vec<T>`...).
fn shaped(occurrence: Occurrence, ty: &str) -> String {
    match occurrence {
        Occurrence::One => ty.to_string(),
        Occurrence::Optional => format!("Option<{ty}>"),
        Occurrence::Nillable => format!("Nillable<{ty}>"),
        Occurrence::OptionalNillable => format!("Option<Nillable<{ty}>>"),
        Occurrence::Many => format!("Vec<{ty}>"),
        Occurrence::ManyNillable => format!("Vec<Nillable<{ty}>>"),
    }
}
