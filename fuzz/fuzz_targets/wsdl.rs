//! soapgen's front end (parse, resolve, model, emit, format) on a mutated
//! set of WSDL/XSD files. The input is a bundle: files separated by lines
//! `--- relative/path`; the first file is the input of the run (a WSDL, or
//! an XSD when its name ends in `.xsd`). The bundle is written to a scratch
//! directory per process, so `schemaLocation`s between its files resolve.
#![no_main]

use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use soap_codegen::parse::Limits;
use soap_codegen::Config;

fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| std::env::temp_dir().join(format!("soapgen-fuzz-{}", std::process::id())))
}

/// A path inside the scratch directory, or None for anything else.
fn confined(name: &str) -> Option<PathBuf> {
    let path = Path::new(name.trim());
    let plain = path.components().all(|c| matches!(c, Component::Normal(_)));
    (plain && path.components().count() <= 4 && !name.trim().is_empty())
        .then(|| scratch().join(path))
}

fn bundle(data: &[u8]) -> Vec<(PathBuf, &[u8])> {
    let mut files = Vec::new();
    let mut name = "input.wsdl";
    let mut rest = data;
    loop {
        let (content, next) = match find(rest, b"\n--- ") {
            Some(i) => (&rest[..i], Some(&rest[i + 5..])),
            None => (rest, None),
        };
        if let Some(path) = confined(name) {
            files.push((path, content));
        }
        let Some(next) = next else { break };
        let end = next.iter().position(|&b| b == b'\n').unwrap_or(next.len());
        name = std::str::from_utf8(&next[..end]).unwrap_or("");
        rest = &next[(end + 1).min(next.len())..];
        if files.len() >= 16 {
            break;
        }
    }
    files
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fuzz_target!(|data: &[u8]| {
    let files = bundle(data);
    let Some((input, _)) = files.first() else {
        return;
    };
    let input = input.clone();
    let _ = std::fs::remove_dir_all(scratch());
    for (path, content) in &files {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::fs::write(path, content);
    }
    let limits = Limits {
        max_file_size: 1 << 20,
        max_nodes: 100_000,
        max_depth: 64,
        max_files: 32,
    };
    let config = Config::new().limits(limits).emit_rerun_if_changed(false);
    let config = if input.extension().is_some_and(|e| e == "xsd") {
        config.xsd(&input)
    } else {
        config.wsdl(&input)
    };
    if let Err(e) = config.generate_string() {
        let _ = e.to_string();
    }
});
