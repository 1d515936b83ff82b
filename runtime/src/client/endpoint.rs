//! Endpoint URLs: parsing, and taking credentials out of them.

use http::uri::Uri;

use super::{BuildError, Credentials};

/// Parses an absolute endpoint URL and splits off `user:password@`, if any.
pub(crate) fn parse_endpoint(url: &str) -> Result<(Uri, Option<Credentials>), BuildError> {
    let invalid = |reason: &str| BuildError::InvalidUrl {
        url: redact_url(url),
        reason: reason.to_owned(),
    };
    let (uri_text, credentials) = split_credentials(url.trim());
    let uri: Uri = uri_text
        .parse()
        .map_err(|e: http::uri::InvalidUri| invalid(&e.to_string()))?;
    if uri.scheme().is_none() {
        return Err(invalid("no scheme (expected http:// or https://)"));
    }
    if uri.authority().is_none() {
        return Err(invalid("no host"));
    }
    Ok((uri, credentials))
}

/// `url` without its user info, and the credentials in it (percent-escapes decoded).
pub(crate) fn split_credentials(url: &str) -> (String, Option<Credentials>) {
    match split_userinfo(url) {
        Some((start, at)) => {
            let userinfo = &url[start..at];
            let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
            let credentials = Credentials::new(percent_decode(user), percent_decode(password));
            (
                format!("{}{}", &url[..start], &url[at + 1..]),
                Some(credentials),
            )
        }
        None => (url.to_owned(), None),
    }
}

/// Where the user info of `url` starts and the byte index of the `@` that ends it.
///
/// The user info runs from after `scheme://` (or the start, for text without
/// `://`) to the last `@` before the host: the last `@` that precedes the first
/// `/`, `?` or `#` following the first `@`. A password may so contain `/`, `?`,
/// `#` and `@` unescaped; a path holding an `@` may be over-redacted, never leaked.
fn split_userinfo(url: &str) -> Option<(usize, usize)> {
    let start = url.find("://").map_or(0, |i| i + 3);
    let rest = &url[start..];
    let first_at = rest.find('@')?;
    let host_end = rest[first_at..]
        .find(['/', '?', '#'])
        .map_or(rest.len(), |i| first_at + i);
    let at = rest[..host_end].rfind('@')?;
    Some((start, start + at))
}

/// `url` with the user info (`user:password@`) replaced by `***@`, for
/// messages, `Debug` and spans. Works on text without `://` too.
pub(crate) fn redact_url(url: &str) -> String {
    match split_userinfo(url) {
        Some((start, at)) => format!("{}***{}", &url[..start], &url[at..]),
        None => url.to_owned(),
    }
}

/// Decodes `%XX` escapes; malformed escapes are kept as they are.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
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
    fn credentials_are_taken_out_of_the_url() {
        let (uri, creds) = parse_endpoint("https://me:p%40ss@example.com:8443/ws?x=1").unwrap();
        assert_eq!(uri.to_string(), "https://example.com:8443/ws?x=1");
        let creds = creds.unwrap();
        assert_eq!((creds.user(), creds.password()), ("me", "p@ss"));
    }

    #[test]
    fn relative_and_garbage_urls_are_refused() {
        assert!(matches!(
            parse_endpoint("/ws/Service"),
            Err(BuildError::InvalidUrl { .. })
        ));
        assert!(matches!(
            parse_endpoint("not a url"),
            Err(BuildError::InvalidUrl { .. })
        ));
    }

    #[test]
    fn redaction_hides_user_info_only() {
        assert_eq!(redact_url("https://u:secret@h/p@x"), "https://***@h/p@x");
        assert_eq!(redact_url("http://h/p"), "http://h/p");
    }

    #[test]
    fn redaction_covers_passwords_with_url_delimiters() {
        for (url, redacted) in [
            ("https://u:pa/ss@h/p", "https://***@h/p"),
            ("https://u:pa#ss@h/p", "https://***@h/p"),
            ("https://u:pa?ss@h/p?q", "https://***@h/p?q"),
            ("https://u:p@ss@h:8443/p", "https://***@h:8443/p"),
            ("u:secret@h/p", "***@h/p"),
            ("not a url u:secret@h", "***@h"),
        ] {
            assert_eq!(redact_url(url), redacted, "{url}");
        }
    }

    #[test]
    fn passwords_with_url_delimiters_become_credentials() {
        let (uri, creds) = parse_endpoint("https://me:pa/s#s?x@example.com/ws").unwrap();
        assert_eq!(uri.to_string(), "https://example.com/ws");
        let creds = creds.unwrap();
        assert_eq!((creds.user(), creds.password()), ("me", "pa/s#s?x"));
        let err = parse_endpoint("me:pa/ss@example.com/ws")
            .unwrap_err()
            .to_string();
        assert!(!err.contains("pa/ss"), "{err}");
    }
}
