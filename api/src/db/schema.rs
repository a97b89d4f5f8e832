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
