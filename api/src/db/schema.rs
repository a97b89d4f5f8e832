// The tables as diesel sees them; one schema serves both backends.

diesel::table! {
    settings (name) {
        name -> Text,
        value -> Text,
    }
}

diesel::table! {
    categories (id) {
        id -> BigInt,
        parent_id -> Nullable<BigInt>,
        name -> Text,
        slug -> Text,
        description -> Text,
        sort_order -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    articles (id) {
        id -> BigInt,
        category_id -> BigInt,
        title -> Text,
        subtitle -> Nullable<Text>,
        author -> Text,
        author_note -> Nullable<Text>,
        source -> Nullable<Text>,
        summary -> Text,
        body_markdown -> Text,
        body_html -> Text,
        cover_url -> Nullable<Text>,
        featured -> Bool,
        headline -> Bool,
        pinned -> Bool,
        status -> Text,
        published_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        views -> BigInt,
        comment_count -> BigInt,
        comments_open -> Bool,
        visibility -> Text,
        version -> BigInt,
        deleted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    article_view_days (article_id, day) {
        article_id -> BigInt,
        day -> Date,
        views -> BigInt,
    }
}

diesel::joinable!(articles -> categories (category_id));
diesel::joinable!(article_view_days -> articles (article_id));
diesel::allow_tables_to_appear_in_same_query!(categories, articles, article_view_days);

diesel::table! {
    members (id) {
        id -> BigInt,
        username -> Text,
        username_key -> Text,
        email -> Nullable<Text>,
        email_key -> Nullable<Text>,
        display_name -> Text,
        phone -> Nullable<Text>,
        kind -> Text,
        role -> Text,
        status -> Text,
        password_hash -> Text,
        token_version -> Integer,
        real_name -> Nullable<Text>,
        organisation -> Nullable<Text>,
        position -> Nullable<Text>,
        company_name -> Nullable<Text>,
        credit_code -> Nullable<Text>,
        contact_person -> Nullable<Text>,
        contact_phone -> Nullable<Text>,
        address -> Nullable<Text>,
        website -> Nullable<Text>,
        industry -> Nullable<Text>,
        introduction -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    member_reviews (id) {
        id -> BigInt,
        member_id -> BigInt,
        reviewer_id -> BigInt,
        decision -> Text,
        reason -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> BigInt,
        member_id -> BigInt,
        family -> Text,
        token_hash -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    captchas (id) {
        id -> Text,
        answer_hash -> Text,
        client_hash -> Text,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    login_failures (id) {
        id -> BigInt,
        username_key -> Text,
        failed_at -> Timestamp,
    }
}

diesel::joinable!(refresh_tokens -> members (member_id));
diesel::allow_tables_to_appear_in_same_query!(members, member_reviews, refresh_tokens);

diesel::table! {
    comments (id) {
        id -> BigInt,
        article_id -> BigInt,
        member_id -> BigInt,
        reply_to -> Nullable<BigInt>,
        content -> Text,
        status -> Text,
        client_hash -> Text,
        edited -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(comments -> articles (article_id));
diesel::joinable!(comments -> members (member_id));
diesel::allow_tables_to_appear_in_same_query!(comments, members);
diesel::allow_tables_to_appear_in_same_query!(comments, articles);
diesel::allow_tables_to_appear_in_same_query!(articles, members);

diesel::table! {
    article_revisions (id) {
        id -> BigInt,
        article_id -> BigInt,
        editor_id -> Nullable<BigInt>,
        title -> Text,
        summary -> Text,
        body_markdown -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        actor_id -> Nullable<BigInt>,
        actor_name -> Text,
        action -> Text,
        target_type -> Text,
        target_id -> Text,
        summary -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        member_id -> BigInt,
        name -> Text,
        scopes -> Text,
        token_hash -> Text,
        expires_at -> Nullable<Timestamp>,
        last_used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    media (id) {
        id -> BigInt,
        sha256 -> Text,
        content_type -> Text,
        byte_size -> BigInt,
        file_name -> Text,
        uploaded_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(article_revisions -> articles (article_id));
diesel::joinable!(api_tokens -> members (member_id));
diesel::allow_tables_to_appear_in_same_query!(article_revisions, articles);
diesel::allow_tables_to_appear_in_same_query!(article_revisions, members);
diesel::allow_tables_to_appear_in_same_query!(api_tokens, members);
diesel::allow_tables_to_appear_in_same_query!(audit_log, members);
