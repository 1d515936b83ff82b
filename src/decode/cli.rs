//! The `aftershop decode` subcommand: arguments, input, output and exit codes.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{ArgGroup, Args};
use soap_runtime::xml::MAX_DIAGNOSTICS;
use soap_runtime::DecodeOptions;
use soap_runtime::Diagnostic;
use soap_runtime::DiagnosticKind;

use super::{decode_typed, Direction};

/// Exit code: the envelope held a message.
const EXIT_MESSAGE: u8 = 0;
/// Exit code: the output could not be written.
const EXIT_OUTPUT: u8 = 1;
/// Exit code: the input could not be read or decoded (or the operation is unknown).
const EXIT_UNDECODABLE: u8 = 2;
/// Exit code: the envelope held a SOAP fault.
const EXIT_FAULT: u8 = 3;

/// Arguments of `aftershop decode`: prints one logged envelope as JSON.
///
/// Exit status: 0 for a message, 3 for a SOAP fault (also printed as JSON),
/// 2 for input that cannot be decoded (the error and its line:column on stderr),
/// that is larger than `--max-size`, or whose diagnostics were cut off at
/// [`MAX_DIAGNOSTICS`] (without `--accept-truncated`: past the cut, required
/// elements the peer left out would show as made-up defaults).
#[derive(Debug, Clone, Args)]
#[command(group(ArgGroup::new("direction").required(true).args(["request", "response"])))]
pub struct DecodeArgs {
    /// The operation, by its XML name (`getPayment`) or in snake_case (`get_payment`).
    #[arg(long, value_name = "OP")]
    pub operation: String,
    /// The envelope is a request.
    #[arg(long)]
    pub request: bool,
    /// The envelope is a response (or a fault).
    #[arg(long)]
    pub response: bool,
    /// The file holding the envelope; standard input when absent or `-`.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// The largest input accepted, in bytes: reading stops (exit 2) past it.
    #[arg(long, value_name = "BYTES", default_value_t = DecodeOptions::default().max_size)]
    pub max_size: usize,
    /// Print the JSON even when the diagnostics were cut off (it may then show
    /// defaults for required elements that were missing).
    #[arg(long)]
    pub accept_truncated: bool,
}

impl DecodeArgs {
    /// Runs the command on the process's standard streams.
    pub fn run(&self) -> ExitCode {
        let code = self.execute(
            &mut std::io::stdin().lock(),
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        );
        ExitCode::from(code)
    }

    /// Runs the command on the given streams (`input` is read only without a FILE)
    /// and returns the exit status.
    pub fn execute(
        &self,
        input: &mut dyn Read,
        stdout: &mut dyn Write,
        stderr: &mut dyn Write,
    ) -> u8 {
        // A failing stderr has nowhere left to be reported; the exit status still says it.
        let xml = match self.read_input(input) {
            Ok(xml) => xml,
            Err(e) => {
                let _ = writeln!(stderr, "error: {e}");
                return EXIT_UNDECODABLE;
            }
        };
        let direction = if self.response {
            Direction::Response
        } else {
            Direction::Request
        };
        let opts = DecodeOptions {
            max_size: self.max_size,
            ..DecodeOptions::default()
        };
        let decoded = match decode_typed(&self.operation, direction, &xml, &opts) {
            Ok(decoded) => decoded,
            Err(e) => {
                let _ = writeln!(stderr, "error: {e}");
                return EXIT_UNDECODABLE;
            }
        };
        for diagnostic in &decoded.diagnostics {
            let _ = writeln!(stderr, "warning: {}", warning(diagnostic));
        }
        let truncated = decoded
            .diagnostics
            .iter()
            .any(|d| d.kind == DiagnosticKind::Suppressed);
        if truncated && !self.accept_truncated {
            let _ = writeln!(
                stderr,
                "error: diagnostics were cut off (at most {MAX_DIAGNOSTICS} are kept, within --max-size): the rest were not reported, so the JSON could show made-up defaults for missing elements; nothing printed (--accept-truncated prints it anyway)"
            );
            return EXIT_UNDECODABLE;
        }
        let mut out = std::io::BufWriter::new(stdout);
        let printed = decoded
            .value
            .write_pretty(&mut out)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
            .and_then(|()| out.flush());
        if let Err(e) = printed {
            // A reader that stopped early (`| head`) needs no message.
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                let _ = writeln!(stderr, "error: cannot write to stdout: {e}");
            }
            return EXIT_OUTPUT;
        }
        if decoded.value.is_fault() {
            EXIT_FAULT
        } else {
            EXIT_MESSAGE
        }
    }

    /// Reads at most `max_size` bytes (one more tells the input is too large, and
    /// the rest is never read).
    fn read_input(&self, input: &mut dyn Read) -> Result<Vec<u8>, InputError> {
        let file = self.file.as_deref().filter(|path| *path != Path::new("-"));
        let mut xml = Vec::new();
        let limit = u64::try_from(self.max_size).unwrap_or(u64::MAX);
        let read = match file {
            Some(path) => std::fs::File::open(path)
                .and_then(|f| f.take(limit.saturating_add(1)).read_to_end(&mut xml))
                .map_err(|cause| InputError::File {
                    path: path.to_owned(),
                    cause,
                }),
            None => input
                .take(limit.saturating_add(1))
                .read_to_end(&mut xml)
                .map_err(InputError::Stdin),
        };
        read?;
        if xml.len() > self.max_size {
            return Err(InputError::TooLarge {
                limit: self.max_size,
            });
        }
        Ok(xml)
    }
}

/// The envelope could not be read.
#[derive(Debug, thiserror::Error)]
enum InputError {
    #[error("cannot read {}: {cause}", path.display())]
    File {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("cannot read standard input: {0}")]
    Stdin(std::io::Error),
    #[error("the input is larger than the limit of {limit} bytes (--max-size); not read further")]
    TooLarge { limit: usize },
}

/// `<path>: <what> (line L, column C)`; the position only when known.
fn warning(diagnostic: &Diagnostic) -> String {
    let what = match &diagnostic.kind {
        DiagnosticKind::MissingRequired(name) => {
            format!("required element '{name}' is missing; left out of the JSON")
        }
        other => other.to_string(),
    };
    if diagnostic.line == 0 {
        return format!("{}: {what}", diagnostic.path);
    }
    format!(
        "{}: {what} (line {}, column {})",
        diagnostic.path, diagnostic.line, diagnostic.column
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const GET_PAYMENT: &str = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><a:getPayment xmlns:a="http://ecommerce.resurs.com/v4/msg/aftershopflow"><paymentId>p-1</paymentId></a:getPayment></s:Body></s:Envelope>"#;

    fn args(operation: &str, response: bool) -> DecodeArgs {
        DecodeArgs {
            operation: operation.into(),
            request: !response,
            response,
            file: None,
            max_size: DecodeOptions::default().max_size,
            accept_truncated: false,
        }
    }

    fn run(args: &DecodeArgs, input: &str) -> (u8, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = args.execute(&mut input.as_bytes(), &mut out, &mut err);
        (
            code,
            String::from_utf8_lossy(&out).into_owned(),
            String::from_utf8_lossy(&err).into_owned(),
        )
    }

    #[test]
    fn request_from_input_is_pretty_json() {
        let (code, out, err) = run(&args("get_payment", false), GET_PAYMENT);
        assert_eq!((code, err.as_str()), (0, ""));
        assert_eq!(out, "{\n  \"paymentId\": \"p-1\"\n}\n");
    }

    #[test]
    fn unknown_operation_lists_the_valid_ones() {
        let (code, out, err) = run(&args("bookPayment", false), GET_PAYMENT);
        assert_eq!((code, out.as_str()), (2, ""));
        assert!(
            err.starts_with("error: unknown operation 'bookPayment'"),
            "{err}"
        );
        assert!(err.contains("getPayment, ") && err.contains("issueCustomerIdentificationToken"));
    }

    #[test]
    fn wrong_side_is_undecodable() {
        let (code, out, err) = run(&args("getPayment", true), GET_PAYMENT);
        assert_eq!((code, out.as_str()), (2, ""));
        assert!(err.starts_with("error: expected "), "{err}");
        assert!(err.contains(" at 1:"), "{err}");
    }

    #[test]
    fn missing_file_is_undecodable() {
        let mut a = args("getPayment", false);
        a.file = Some(PathBuf::from("/nonexistent/envelope.xml"));
        let (code, _, err) = run(&a, "");
        assert_eq!(code, 2);
        assert!(
            err.starts_with("error: cannot read /nonexistent/envelope.xml"),
            "{err}"
        );
    }
}
