// The tables as diesel sees them; one schema serves both backends.

diesel::table! {
    settings (name) {
        name -> Text,
        value -> Text,
    }
}
