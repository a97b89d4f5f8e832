//! The ceiling of the load benchmarks: a minimal actix-web server answering every request with the
//! same 2 KB JSON body, measured in the same run as Kanwu so that each figure can be given as a
//! share of what this machine's HTTP stack can do at all.
//!
//! Usage: `ceiling 127.0.0.1:18180`

use actix_web::{web, App, HttpResponse, HttpServer};

/// A fixed JSON document of 2,048 bytes, built once.
fn body() -> web::Bytes {
    let mut text = String::from("{\"items\":[");
    let mut n = 0;
    while text.len() < 2_000 {
        if n > 0 {
            text.push(',');
        }
        text.push_str(&format!("{{\"id\":{n},\"title\":\"秘书工作\"}}"));
        n += 1;
    }
    text.push_str("],\"pad\":\"");
    while text.len() < 2_046 {
        text.push('x');
    }
    text.push_str("\"}");
    web::Bytes::from(text)
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:18180".to_owned());
    let body = body();
    assert_eq!(body.len(), 2_048);
    HttpServer::new(move || {
        let body = body.clone();
        App::new().default_service(web::to(move || {
            let body = body.clone();
            async move {
                HttpResponse::Ok()
                    .content_type("application/json")
                    .body(body)
            }
        }))
    })
    .bind(address)?
    .run()
    .await
}
