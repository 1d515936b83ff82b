//! Endpoint URLs: parsing, and taking credentials out of them.

use http::uri::{Authority, Uri};

use super::{BuildError, Credentials};

/// Parses an absolute endpoint URL and splits off `user:password@`, if any.
pub(crate) fn parse_endpoint(url: &str) -> Result<(Uri, Option<Credentials>), BuildError> {
    let invalid = |reason: &str| BuildError::InvalidUrl {
        url: redact_url(url),
        reason: reason.to_owned(),
    };
    let uri: Uri = url
        .trim()
        .parse()
        .map_err(|e: http::uri::InvalidUri| invalid(&e.to_string()))?;
    if uri.scheme().is_none() {
        return Err(invalid("no scheme (expected http:// or https://)"));
    }
    let Some(authority) = uri.authority() else {
        return Err(invalid("no host"));
    };
    let Some((userinfo, host)) = authority.as_str().rsplit_once('@') else {
        return Ok((uri, None));
    };
    let host = host.to_owned();
    let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
    let credentials = Credentials::new(percent_decode(user), percent_decode(password));
    let authority = host
        .parse::<Authority>()
        .map_err(|e| invalid(&e.to_string()))?;
    let mut parts = uri.into_parts();
    parts.authority = Some(authority);
    let uri = Uri::from_parts(parts).map_err(|e| invalid(&e.to_string()))?;
    Ok((uri, Some(credentials)))
}

/// `url` with the user info (`user:password@`) replaced by `***@`, for messages.
pub(crate) fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}://***{}", &rest[at..]),
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
}
