//! A minimal HTTP/1.1 client over one keep-alive connection, for health checks and
//! benchmarks (xtask stays free of an HTTP stack).

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::TcpStream,
    time::Duration,
};

use anyhow::{Context, Result, bail};

/// One connection to `127.0.0.1:<port>`.
pub struct Conn {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    /// The session cookie the server set, sent back on every later request.
    cookie: Option<String>,
    /// The size in bytes of the last answer's body, as sent (not as read as text).
    pub last_len: usize,
}

impl Conn {
    /// Connects.
    pub fn open(port: u16) -> Result<Self> {
        let stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        Ok(Conn {
            reader: BufReader::new(stream.try_clone()?),
            writer: stream,
            cookie: None,
            last_len: 0,
        })
    }

    /// Sends a request and returns the status and body.
    pub fn request(
        &mut self,
        method: &str,
        path: &str,
        body: Option<&str>,
    ) -> Result<(u16, String)> {
        let body = body.unwrap_or("");
        let cookie = self
            .cookie
            .as_deref()
            .map(|c| format!("Cookie: {c}\r\n"))
            .unwrap_or_default();
        write!(
            self.writer,
            "{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
             {cookie}Content-Length: {}\r\n\r\n{body}",
            body.len()
        )?;
        let mut status_line = String::new();
        self.reader.read_line(&mut status_line)?;
        let status: u16 = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .with_context(|| format!("bad status line {status_line:?}"))?;
        let mut length = None;
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line)?;
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse::<usize>().ok();
                } else if name.eq_ignore_ascii_case("set-cookie") {
                    self.cookie = value.trim().split(';').next().map(str::to_owned);
                } else if name.eq_ignore_ascii_case("transfer-encoding") {
                    bail!("chunked answers are not supported by this small client");
                }
            }
        }
        let mut buf = vec![0; length.unwrap_or(0)];
        self.reader.read_exact(&mut buf)?;
        self.last_len = buf.len();
        Ok((status, String::from_utf8_lossy(&buf).into_owned()))
    }
}
