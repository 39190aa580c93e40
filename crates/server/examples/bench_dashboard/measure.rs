//! Timed GETs over loopback HTTP: each from sending the request to the last byte of the body.

use super::report::percentile;
use std::time::Instant;

/// The latencies of a series of identical requests, and what the first measured one returned.
pub struct Series {
    /// Milliseconds, ascending.
    pub ms: Vec<f64>,
    pub body: Vec<u8>,
    pub content_type: String,
    /// `Content-Encoding` of the answer, if the server compressed it.
    pub encoding: Option<String>,
}

impl Series {
    pub fn p(&self, p: f64) -> f64 {
        percentile(&self.ms, p)
    }

    pub fn line(&self) -> String {
        let mean = self.ms.iter().sum::<f64>() / self.ms.len().max(1) as f64;
        format!(
            "p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms (min {:.1}, mean {:.1}; {} requests)",
            self.p(50.0), self.p(95.0), self.p(100.0), self.p(0.0), mean, self.ms.len()
        )
    }
}

/// One GET with a bearer token (and `Accept-Encoding` if given): (status, content type, encoding, body, ms).
pub async fn get(http: &reqwest::Client, url: &str, token: &str, accept: Option<&str>) -> Result<(u16, String, Option<String>, Vec<u8>, f64), String> {
    let mut request = http.get(url).bearer_auth(token);
    if let Some(accept) = accept {
        request = request.header(reqwest::header::ACCEPT_ENCODING, accept);
    }
    let start = Instant::now();
    let response = request.send().await.map_err(|e| format!("GET {url}: {e}"))?;
    let status = response.status().as_u16();
    let header = |name: reqwest::header::HeaderName| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let (content_type, encoding) = (header(reqwest::header::CONTENT_TYPE).unwrap_or_default(), header(reqwest::header::CONTENT_ENCODING));
    let body = response.bytes().await.map_err(|e| format!("GET {url}: body: {e}"))?;
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    Ok((status, content_type, encoding, body.to_vec(), ms))
}

/// `warmups` unmeasured requests, then `runs` measured ones, one after another on one keep-alive connection.
pub async fn series(http: &reqwest::Client, url: &str, token: &str, accept: Option<&str>, warmups: usize, runs: usize) -> Result<Series, String> {
    let mut out = Series { ms: Vec::with_capacity(runs), body: Vec::new(), content_type: String::new(), encoding: None };
    for i in 0..warmups + runs {
        let (status, content_type, encoding, body, ms) = get(http, url, token, accept).await?;
        if status != 200 {
            return Err(format!("GET {url} answered {status}: {}", String::from_utf8_lossy(&body[..body.len().min(300)])));
        }
        if i == warmups {
            (out.body, out.content_type, out.encoding) = (body, content_type, encoding);
        }
        if i >= warmups {
            out.ms.push(ms);
        }
    }
    out.ms.sort_by(f64::total_cmp);
    Ok(out)
}
