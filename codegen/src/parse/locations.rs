//! Turning a `schemaLocation` into a local file.

use std::path::{Path, PathBuf};

/// `(url_prefix, local_dir)` pairs: a location starting with a prefix maps to
/// the directory with the rest of the URL appended. The longest prefix wins.
///
/// It also says which directories a location may lead into: a location must
/// resolve (symbolic links followed) inside the directory of the input that
/// started the run, inside a mapped directory, or inside a directory added
/// with [`allow`](Self::allow); anything else is a
/// [`ParseError::LocationOutsideTree`](super::ParseError::LocationOutsideTree).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocationMap {
    entries: Vec<(String, PathBuf)>,
    allowed: Vec<PathBuf>,
}

impl LocationMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `prefix` → `dir`.
    pub fn insert(&mut self, prefix: impl Into<String>, dir: impl Into<PathBuf>) {
        self.entries.push((prefix.into(), dir.into()));
    }

    /// Builder form of [`insert`](Self::insert).
    pub fn with(mut self, prefix: impl Into<String>, dir: impl Into<PathBuf>) -> Self {
        self.insert(prefix, dir);
        self
    }

    /// The pairs, in insertion order.
    pub fn entries(&self) -> &[(String, PathBuf)] {
        &self.entries
    }

    /// Lets locations resolve to files under `dir` (and its subdirectories)
    /// although it is outside the input's directory.
    pub fn allow(&mut self, dir: impl Into<PathBuf>) {
        self.allowed.push(dir.into());
    }

    /// Builder form of [`allow`](Self::allow).
    pub fn with_allowed(mut self, dir: impl Into<PathBuf>) -> Self {
        self.allow(dir);
        self
    }

    /// The directories added with [`allow`](Self::allow), in insertion order.
    pub fn allowed(&self) -> &[PathBuf] {
        &self.allowed
    }

    /// The directories a location may resolve into besides the input's own:
    /// the mapped ones and the allowed ones, canonical (those that do not
    /// exist are left out: nothing can be read from them).
    pub(crate) fn permitted_dirs(&self) -> Vec<PathBuf> {
        self.entries
            .iter()
            .map(|(_, dir)| dir)
            .chain(&self.allowed)
            .filter_map(|dir| dir.canonicalize().ok())
            .collect()
    }

    /// The local path for `url` by the longest matching prefix.
    pub fn lookup(&self, url: &str) -> Option<PathBuf> {
        let (prefix, dir) = self
            .entries
            .iter()
            .filter(|(p, _)| url.starts_with(p.as_str()))
            .max_by_key(|(p, _)| p.len())?;
        let rest = url[prefix.len()..].trim_start_matches('/');
        Some(if rest.is_empty() {
            dir.clone()
        } else {
            dir.join(percent_decode(rest))
        })
    }
}

impl<P: Into<String>, D: Into<PathBuf>> FromIterator<(P, D)> for LocationMap {
    fn from_iter<I: IntoIterator<Item = (P, D)>>(iter: I) -> Self {
        let mut map = LocationMap::new();
        for (p, d) in iter {
            map.insert(p, d);
        }
        map
    }
}

/// Resolves `location` written in `importing` for a run started at `root`:
/// relative path, then `xsd=` query parameter, then the map.
pub(crate) fn resolve_location(
    location: &str,
    importing: &Path,
    root: &Path,
    map: &LocationMap,
) -> Option<PathBuf> {
    let location = location.trim();
    if location.is_empty() {
        return None;
    }
    if let Some(path) = location.strip_prefix("file://") {
        let path = PathBuf::from(percent_decode(path));
        return path.is_file().then_some(path);
    }
    if !has_scheme(location) {
        let path = dir_of(importing).join(percent_decode(location));
        return path.is_file().then_some(path);
    }
    if let Some(rel) = xsd_query_param(location) {
        let path = dir_of(root).join(rel);
        if path.is_file() {
            return Some(path);
        }
    }
    map.lookup(location).filter(|p| p.is_file())
}

fn dir_of(file: &Path) -> &Path {
    file.parent().unwrap_or(Path::new("."))
}

fn has_scheme(location: &str) -> bool {
    match location.find(':') {
        // A single letter before ':' is a Windows drive, not a scheme.
        Some(i) if i > 1 => location[..i]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')),
        _ => false,
    }
}

fn xsd_query_param(url: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == "xsd")
        .map(|(_, v)| percent_decode(v))
        .filter(|v| !v.is_empty() && !v.starts_with('/') && !v.split('/').any(|s| s == ".."))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_prefix_wins() {
        let map = LocationMap::new()
            .with("https://a.example/", "/x")
            .with("https://a.example/deep/", "/y");
        assert_eq!(
            map.lookup("https://a.example/deep/t.xsd"),
            Some(PathBuf::from("/y/t.xsd"))
        );
        assert_eq!(
            map.lookup("https://a.example/t.xsd"),
            Some(PathBuf::from("/x/t.xsd"))
        );
        assert_eq!(map.lookup("https://b.example/t.xsd"), None);
    }

    #[test]
    fn xsd_parameter() {
        assert_eq!(
            xsd_query_param("https://h/ws/S?xsd=schemas/types/common.xsd").as_deref(),
            Some("schemas/types/common.xsd")
        );
        assert_eq!(
            xsd_query_param("https://h/ws/S?wsdl&xsd=a%2Fb.xsd").as_deref(),
            Some("a/b.xsd")
        );
        assert_eq!(xsd_query_param("https://h/ws/S?xsd=../../etc/passwd"), None);
        assert_eq!(xsd_query_param("https://h/ws/S"), None);
    }

    #[test]
    fn schemes() {
        assert!(has_scheme("https://x/y"));
        assert!(!has_scheme("types/a.xsd"));
        assert!(!has_scheme("C:/types/a.xsd"));
    }
}
