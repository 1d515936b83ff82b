//! Type-checks generated code as a library crate that depends on
//! `soap-runtime` only, by calling rustc against the runtime library this
//! test binary was linked with (`-D warnings`, metadata only: no codegen).

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `soap-runtime` library this test binary was linked with, and its
/// dependency folder: every `libsoap_runtime-*.rlib` beside the test
/// executable, newest first.
fn runtime_libraries() -> Vec<PathBuf> {
    let Some(deps) = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
    else {
        return Vec::new();
    };
    let Ok(read) = std::fs::read_dir(&deps) else {
        return Vec::new();
    };
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("libsoap_runtime-") && n.ends_with(".rlib"))
        })
        .filter_map(|p| Some((p.metadata().ok()?.modified().ok()?, p)))
        .collect();
    found.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    found.into_iter().map(|(_, p)| p).collect()
}

/// rustc errors that mean the library could not be loaded (a stale build
/// beside the test), not that the generated code is wrong.
fn is_loading_error(stderr: &str) -> bool {
    [
        "E0460", "E0461", "E0462", "E0463", "E0464", "E0514", "E0786",
    ]
    .iter()
    .any(|code| stderr.contains(code))
}

/// Type-checks `code` as a library crate depending on `soap-runtime` only.
pub fn type_check(code: &str, name: &str, scratch: &Path) -> Result<(), String> {
    let source = scratch.join(format!("{name}.rs"));
    std::fs::write(&source, code).map_err(|e| format!("{}: {e}", source.display()))?;
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let mut last = String::from("no libsoap_runtime-*.rlib beside the test executable");
    for lib in runtime_libraries() {
        let Some(deps) = lib.parent() else { continue };
        let output = Command::new(&rustc)
            .args(["--edition", "2021", "--crate-type", "lib", "--crate-name"])
            .arg(name)
            .args(["--emit", "metadata", "-D", "warnings", "--out-dir"])
            .arg(scratch)
            .arg("--extern")
            .arg(format!("soap_runtime={}", lib.display()))
            .arg("-L")
            .arg(format!("dependency={}", deps.display()))
            .arg(&source)
            .output()
            .map_err(|e| format!("running {rustc}: {e}"))?;
        if output.status.success() {
            return Ok(());
        }
        last = String::from_utf8_lossy(&output.stderr).into_owned();
        if !is_loading_error(&last) {
            break;
        }
    }
    Err(last)
}
