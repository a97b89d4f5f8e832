//! The one route table. Everything registered here through `.service()` is also in the OpenAPI
//! document, because [`crate::openapi::spec`] is built from this same function.

use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::{
    articles, audit, captcha, categories, comments, discovery, health, home, media, members,
    search, sessions, site, tokens, views,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::handlers::healthz)
        .service(health::handlers::readyz)
        .service(media::handlers::serve_media)
        .service(discovery::handlers::get_feed)
        .service(discovery::handlers::get_category_feed)
        .service(discovery::handlers::get_sitemap)
        .service(discovery::handlers::get_sitemap_file)
        .service(discovery::handlers::get_robots)
        .service(
            scope::scope("/api/v1")
                .service(site::handlers::get_site)
                .service(home::handlers::get_home)
                .service(categories::handlers::readers::list_categories)
                .service(categories::handlers::readers::get_category)
                .service(categories::handlers::editors::create_category)
                .service(categories::handlers::editors::update_category)
                .service(categories::handlers::editors::delete_category)
                .service(articles::handlers::list_articles)
                .service(articles::handlers::get_article)
                .service(search::handlers::search_articles)
                .service(articles::editorial::create_article)
                .service(articles::editorial::preview_article)
                .service(articles::editorial::update_article)
                .service(articles::editorial::delete_article)
                .service(articles::editorial::list_revisions)
                .service(articles::editorial::admin_list_articles)
                .service(views::handlers::record_view)
                .service(captcha::handlers::create_captcha)
                .service(sessions::handlers::register)
                .service(members::handlers::get_me)
                .service(members::handlers::update_me)
                .service(members::handlers::change_password)
                .service(sessions::handlers::login)
                .service(sessions::handlers::refresh)
                .service(sessions::handlers::logout)
                .service(sessions::handlers::logout_all)
                .service(members::admin_handlers::admin_list_members)
                .service(members::admin_handlers::admin_get_member)
                .service(members::admin_handlers::admin_update_member)
                .service(members::admin_handlers::review_member)
                .service(comments::handlers::readers::list_comments)
                .service(comments::handlers::readers::get_latest_comments)
                .service(comments::handlers::members::create_comment)
                .service(comments::handlers::members::my_comments)
                .service(comments::handlers::members::update_comment)
                .service(comments::handlers::members::delete_comment)
                .service(comments::handlers::moderators::admin_list_comments)
                .service(comments::handlers::moderators::bulk_moderate)
                .service(comments::handlers::moderators::moderate_comment)
                .service(comments::handlers::moderators::admin_delete_comment)
                .service(comments::handlers::moderators::get_banned_words)
                .service(comments::handlers::moderators::set_banned_words)
                .service(tokens::handlers::create_token)
                .service(tokens::handlers::list_tokens)
                .service(tokens::handlers::delete_token)
                .service(audit::handlers::list_audit)
                .service(media::handlers::upload_media)
                .service(media::handlers::list_media)
                .service(media::handlers::delete_media),
        );
}
