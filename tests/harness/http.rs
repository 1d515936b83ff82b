//! One raw HTTP/1.1 exchange with a loopback server: the tests that must
//! send exactly the bytes they mean (missing or broken headers, bodies as
//! they are) share it.
// Each test reads the parts of an answer it checks.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::ToSocketAddrs;

/// What came back: the status, the head (status line and headers) and the body.
pub struct Exchanged {
    pub status: u16,
    pub head: String,
    pub body: String,
}

/// Sends `head` (request line and headers, up to and including the blank
/// line) and `body` on a fresh connection to `addr` and reads until the
/// server closes it; `Err` when it closes without an answer.
pub async fn exchange(
    addr: impl ToSocketAddrs,
    head: &str,
    body: &[u8],
) -> std::io::Result<Exchanged> {
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body).await?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await?;
    let text = String::from_utf8(response).expect("utf-8 response");
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            format!("closed without an answer: {text:?}"),
        ));
    };
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    Ok(Exchanged {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    })
}
