//! The permission matrix (SECURITY-TESTS row Z3): every write operation in the OpenAPI document,
//! called as anonymous, member, editor and admin. The document's `security` says which need a token
//! (anonymous: 401); the table below says which role each needs (below it: 403), and must name
//! exactly the document's write operations; every answer must be a status the document lists.

use std::collections::BTreeMap;

use reqwest::Method;
use serde_json::{json, Value};
use system_tests::fixtures::{category, ArticleFixture};
use system_tests::members::PASSWORD;
use system_tests::{on_both_backends, TestApp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Anyone,
    Member,
    Editor,
    Admin,
}

/// Who may call each write operation.
const REQUIRED: &[(&str, Role)] = &[
    ("PUT /api/v1/admin/banned-words", Role::Admin),
    ("POST /api/v1/admin/comments/bulk", Role::Editor),
    ("DELETE /api/v1/admin/comments/{id}", Role::Editor),
    ("PATCH /api/v1/admin/comments/{id}", Role::Editor),
    ("PATCH /api/v1/admin/members/{id}", Role::Admin),
    ("POST /api/v1/admin/members/{id}/review", Role::Admin),
    ("POST /api/v1/articles", Role::Editor),
    ("POST /api/v1/articles/preview", Role::Editor),
    ("DELETE /api/v1/articles/{id}", Role::Editor),
    ("PATCH /api/v1/articles/{id}", Role::Editor),
    ("POST /api/v1/articles/{id}/comments", Role::Member),
    ("POST /api/v1/articles/{id}/views", Role::Anyone),
    ("POST /api/v1/auth/login", Role::Anyone),
    ("POST /api/v1/auth/logout", Role::Anyone),
    ("POST /api/v1/auth/logout-all", Role::Member),
    ("POST /api/v1/auth/refresh", Role::Anyone),
    ("POST /api/v1/captchas", Role::Anyone),
    ("POST /api/v1/categories", Role::Editor),
    ("DELETE /api/v1/categories/{id_or_slug}", Role::Editor),
    ("PATCH /api/v1/categories/{id_or_slug}", Role::Editor),
    ("DELETE /api/v1/comments/{id}", Role::Member),
    ("PATCH /api/v1/comments/{id}", Role::Member),
    ("POST /api/v1/media", Role::Editor),
    ("DELETE /api/v1/media/{id}", Role::Editor),
    ("POST /api/v1/members", Role::Anyone),
    ("PATCH /api/v1/members/me", Role::Member),
    ("PUT /api/v1/members/me/password", Role::Member),
    ("POST /api/v1/members/me/tokens", Role::Member),
    ("DELETE /api/v1/members/me/tokens/{id}", Role::Member),
];

struct Operation {
    method: Method,
    path: String,
    secured: bool,
    documented: Vec<u16>,
}

fn write_operations(spec: &Value) -> BTreeMap<String, Operation> {
    let mut found = BTreeMap::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let method = match method.as_str() {
                "post" => Method::POST,
                "put" => Method::PUT,
                "patch" => Method::PATCH,
                "delete" => Method::DELETE,
                _ => continue,
            };
            // Secured: every alternative names a scheme (an empty one, `{}`, lets anonymous callers in).
            let secured = operation["security"]
                .as_array()
                .is_some_and(|requirements| {
                    !requirements.is_empty()
                        && requirements
                            .iter()
                            .all(|r| r.as_object().is_some_and(|r| !r.is_empty()))
                });
            let documented = operation["responses"]
                .as_object()
                .unwrap()
                .keys()
                .map(|s| s.parse().unwrap())
                .collect();
            found.insert(
                format!("{method} {path}"),
                Operation {
                    method,
                    path: path.clone(),
                    secured,
                    documented,
                },
            );
        }
    }
    found
}

on_both_backends!(async fn every_write_operation_answers_each_role_as_the_spec_documents(backend) {
    let app = TestApp::spawn(backend).await;
    app.with_db(|c| {
        let features = category(c, "特稿", "features", None, 0);
        ArticleFixture::new(features, "文章").insert(c);
    })
    .await;
    let spec: Value = app.get("/api/v1/openapi.json").await.unwrap().json().await.unwrap();
    let operations = write_operations(&spec);
    let table: BTreeMap<String, Role> = REQUIRED.iter().map(|(op, role)| (op.to_string(), *role)).collect();
    assert_eq!(operations.keys().collect::<Vec<_>>(), table.keys().collect::<Vec<_>>(), "the table names exactly the spec's write operations");

    let admin = app.admin("matrix-admin", PASSWORD).await;
    let editor_account = app.register_personal("matrix-editor", PASSWORD).await;
    let id = editor_account.member["id"].as_i64().unwrap();
    let promoted = app.send_as(Method::PATCH, &format!("/api/v1/admin/members/{id}"), &admin.access_token, json!({"role": "editor"})).await;
    assert_eq!(promoted.status(), 200);
    let editor = app.login("matrix-editor", PASSWORD).await;
    let member = app.register_personal("matrix-member", PASSWORD).await;
    let callers = [
        (Role::Anyone, None),
        (Role::Member, Some(member.access_token.clone())),
        (Role::Editor, Some(editor.access_token.clone())),
        (Role::Admin, Some(admin.access_token.clone())),
    ];

    // Ending every session goes last: it would sign the callers out of everything after it.
    let mut order: Vec<&String> = operations.keys().collect();
    order.sort_by_key(|key| key.ends_with("/logout-all"));
    let mut checked = 0;
    for key in order {
        let operation = &operations[key];
        let required = table[key];
        assert!(!operation.secured || (operation.documented.contains(&401) && (required <= Role::Member || operation.documented.contains(&403))),
            "{key}: a secured operation documents 401 (and 403 when a role is needed)");
        let path = operation.path.replace("{id}", "999999").replace("{id_or_slug}", "no-such-category");
        for (role, token) in &callers {
            let mut request = app.client.request(operation.method.clone(), app.url(&path)).json(&json!({}));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            let status = request.send().await.unwrap().status().as_u16();
            let expected = if operation.secured && *role == Role::Anyone {
                Some(401)
            } else if *role < required {
                Some(403)
            } else {
                None
            };
            match expected {
                Some(expected) => assert_eq!(status, expected, "{key} as {role:?}"),
                None => assert!(![401, 403].contains(&status) || key.ends_with("/auth/login"), "{key} as {role:?} was refused with {status}"),
            }
            assert!(operation.documented.contains(&status), "{key} as {role:?}: {status} is not documented ({:?})", operation.documented);
            checked += 1;
        }
    }
    assert_eq!(checked, REQUIRED.len() * 4);
    app.stop().await;
});
