//! The shape of the API crate, checked from its sources (no database, no server):
//!
//! - **No import cycles between files.** A file of `api/src` depends on another when it names it:
//!   in a `use crate::…`, `use super::…` or `use self::…` declaration, or in a `crate::…`,
//!   `super::…` or `self::…` path written inline. A path names the deepest file it reaches
//!   (`crate::db::schema::articles` names `db/schema.rs`; `super::model::Article` in
//!   `articles/handlers.rs` names `articles/model.rs`). Comments, strings, macro-internal
//!   `$crate::` paths and `#[cfg(test)]` items are not dependencies. The check fails naming every
//!   group of files that depend on each other in a circle, with the line of each import in it.
//! - **No file over 400 lines unless it says why.** A file of `api/src` longer than 400 lines
//!   carries, in its module doc (the `//!` lines it opens with), the words
//!   `Longer than 400 lines because` followed by the reason, e.g.
//!   `//! Longer than 400 lines because the twelve settings parse and are tested together.`

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module of the crate by its path: `[]` is the crate root (`lib.rs`), `["articles",
/// "handlers"]` is `articles/handlers.rs`.
type Module = Vec<String>;

const LINE_LIMIT: usize = 400;
const LONG_FILE_REASON: &str = "Longer than 400 lines because";

#[test]
fn the_files_of_the_api_import_each_other_without_cycles() {
    let sources = api_sources();
    let graph = import_graph(&sources);
    let cycles = cycles(&graph);
    assert!(
        cycles.is_empty(),
        "import cycles among the files of api/src (break each by moving what both sides need \
         to a file of its own, or by passing it in):\n{}",
        describe_cycles(&cycles, &graph, &sources)
    );
}

#[test]
fn no_file_of_the_api_is_over_400_lines_without_saying_why() {
    let sources = api_sources();
    let unexplained: Vec<String> = sources
        .iter()
        .filter(|(_, source)| !length_is_explained(&source.text))
        .map(|(_, source)| {
            format!(
                "{} ({} lines)",
                source.path.display(),
                source.text.lines().count()
            )
        })
        .collect();
    assert!(
        unexplained.is_empty(),
        "files over {LINE_LIMIT} lines whose module doc does not say `{LONG_FILE_REASON} …`; \
         split them or say why not:\n{}",
        unexplained.join("\n")
    );
}

/// A file of the crate: where it is (for messages) and what it says.
struct Source {
    path: PathBuf,
    text: String,
}

/// Every module file of the `kanwu_api` library. `main.rs` is left out: it is the binary's own
/// crate, whose `crate::` is not the library's.
fn api_sources() -> BTreeMap<Module, Source> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/src");
    let mut sources = BTreeMap::new();
    collect_sources(&src, &src, &mut sources);
    assert!(
        sources.contains_key(&Vec::new()),
        "api/src/lib.rs is read (found {} files)",
        sources.len()
    );
    sources
}

fn collect_sources(src: &Path, dir: &Path, sources: &mut BTreeMap<Module, Source>) {
    for entry in std::fs::read_dir(dir).expect("read a folder of api/src") {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_sources(src, &path, sources);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") || path == src.join("main.rs") {
            continue;
        }
        let relative = path.strip_prefix(src).unwrap().with_extension("");
        let mut module: Module = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
            module.pop();
        }
        let text = std::fs::read_to_string(&path).expect("read a source file");
        let shown = Path::new("api/src").join(path.strip_prefix(src).unwrap());
        sources.insert(module, Source { path: shown, text });
    }
}

fn module_name(module: &Module) -> String {
    if module.is_empty() {
        "lib".to_owned()
    } else {
        module.join("/")
    }
}

/// Whether a file is short enough, or says in its module doc why it is not.
fn length_is_explained(text: &str) -> bool {
    if text.lines().count() <= LINE_LIMIT {
        return true;
    }
    let module_doc: Vec<&str> = text
        .lines()
        .map(str::trim_start)
        .take_while(|line| line.starts_with("//!"))
        .map(|line| line.trim_start_matches("//!").trim())
        .collect();
    let module_doc = module_doc.join(" ");
    module_doc
        .split_once(LONG_FILE_REASON)
        .is_some_and(|(_, reason)| reason.trim().len() > 1)
}

// ---- The import graph -------------------------------------------------------------------------

/// For each file, the files it depends on and the first line where it names each.
type Graph = BTreeMap<Module, BTreeMap<Module, usize>>;

fn import_graph(sources: &BTreeMap<Module, Source>) -> Graph {
    let modules: BTreeSet<&Module> = sources.keys().collect();
    let mut graph = Graph::new();
    for (module, source) in sources {
        let edges = graph.entry(module.clone()).or_default();
        for (path, line) in paths_named(module, &lex(&source.text)) {
            let Some(target) = file_of(&modules, &path) else {
                continue;
            };
            if target != *module {
                edges.entry(target).or_insert(line);
            }
        }
    }
    graph
}

/// The deepest file a module path reaches: `db::schema::articles` is `db/schema.rs`.
fn file_of(modules: &BTreeSet<&Module>, path: &[String]) -> Option<Module> {
    (0..=path.len())
        .rev()
        .map(|len| path[..len].to_vec())
        .find(|prefix| modules.contains(prefix))
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident(String),
    PathSep,
    Punct(char),
}

#[derive(Debug, Clone)]
struct Lexed {
    token: Token,
    line: usize,
}

/// The tokens of a Rust source that matter for paths: identifiers, `::` and punctuation, with
/// comments, strings, characters and numbers left out.
fn lex(text: &str) -> Vec<Lexed> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
            }
        } else if c == '"' {
            i = skip_string(&chars, i + 1, &mut line);
        } else if c == '\'' {
            if at(i + 1) == '\\' {
                // An escaped character ('\n', '\'', '\u{7f}'): past the escape, to its closing quote.
                i += 3;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                // A lifetime or a label: its name is an ordinary identifier.
                i += 1;
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let raw_string = at(i) == '"' || (at(i) == '#' && matches!(at(i + 1), '"' | '#'));
            match word.as_str() {
                "r" | "br" | "cr" if raw_string => i = skip_raw_string(&chars, i, &mut line),
                "b" | "c" if at(i) == '"' => i = skip_string(&chars, i + 1, &mut line),
                "b" if at(i) == '\'' => {
                    i += 1;
                    while i < chars.len() && chars[i] != '\'' {
                        i += if chars[i] == '\\' { 2 } else { 1 };
                    }
                    i += 1;
                }
                "r" if at(i) == '#' => {
                    // A raw identifier: r#type is the identifier `type`.
                    let start = i + 1;
                    i += 1;
                    while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                        i += 1;
                    }
                    tokens.push(Lexed {
                        token: Token::Ident(chars[start..i].iter().collect()),
                        line,
                    });
                }
                _ => tokens.push(Lexed {
                    token: Token::Ident(word),
                    line,
                }),
            }
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
        } else if c == ':' && at(i + 1) == ':' {
            tokens.push(Lexed {
                token: Token::PathSep,
                line,
            });
            i += 2;
        } else {
            tokens.push(Lexed {
                token: Token::Punct(c),
                line,
            });
            i += 1;
        }
    }
    tokens
}

/// Past the end of a string whose opening quote is just before `i`.
fn skip_string(chars: &[char], mut i: usize, line: &mut usize) -> usize {
    while i < chars.len() && chars[i] != '"' {
        if chars[i] == '\\' {
            i += 1;
        }
        *line += usize::from(chars.get(i) == Some(&'\n'));
        i += 1;
    }
    i + 1
}

/// Past the end of a raw string; `i` is at its hashes or its opening quote.
fn skip_raw_string(chars: &[char], mut i: usize, line: &mut usize) -> usize {
    let mut hashes = 0;
    while chars.get(i) == Some(&'#') {
        hashes += 1;
        i += 1;
    }
    i += 1;
    while i < chars.len() {
        if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
            return i + 1 + hashes;
        }
        *line += usize::from(chars[i] == '\n');
        i += 1;
    }
    i
}

/// The module paths a file names (as absolute paths from the crate root) and their lines.
fn paths_named(file: &Module, tokens: &[Lexed]) -> Vec<(Module, usize)> {
    let ident = |i: usize| match tokens.get(i).map(|t| &t.token) {
        Some(Token::Ident(word)) => Some(word.as_str()),
        _ => None,
    };
    let is = |i: usize, token: Token| tokens.get(i).map(|t| &t.token) == Some(&token);
    let mut named = Vec::new();
    // The inline modules (`mod name { … }`) we are in, each with the brace depth inside it.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < tokens.len() {
        if is_cfg_test(tokens, i) {
            i = end_of_item(tokens, i + 7);
            continue;
        }
        match &tokens[i].token {
            Token::Punct('{') => {
                depth += 1;
                if ident(i.wrapping_sub(2)) == Some("mod") {
                    if let Some(name) = ident(i - 1) {
                        inline.push((name.to_owned(), depth));
                    }
                }
            }
            Token::Punct('}') => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth -= 1;
            }
            Token::Ident(word) if word == "use" => {
                let line = tokens[i].line;
                let mut trees = Vec::new();
                i = use_tree(tokens, i + 1, Vec::new(), &mut trees);
                for path in trees {
                    if let Some(path) = absolute(&module_at(file, &inline), &path) {
                        named.push((path, line));
                    }
                }
                continue;
            }
            Token::Ident(word)
                if matches!(word.as_str(), "crate" | "super" | "self")
                    && is(i + 1, Token::PathSep)
                    && !is(i.wrapping_sub(1), Token::Punct('$'))
                    && !is(i.wrapping_sub(1), Token::PathSep) =>
            {
                let line = tokens[i].line;
                let mut path = vec![word.clone()];
                let mut j = i + 1;
                while is(j, Token::PathSep) {
                    match ident(j + 1) {
                        Some(next) => path.push(next.to_owned()),
                        None => break,
                    }
                    j += 2;
                }
                if let Some(path) = absolute(&module_at(file, &inline), &path) {
                    named.push((path, line));
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    named
}

/// The module a token is in: the file's, and the inline modules around the token.
fn module_at(file: &Module, inline: &[(String, usize)]) -> Module {
    let mut module = file.clone();
    module.extend(inline.iter().map(|(name, _)| name.clone()));
    module
}

/// Whether `#[cfg(test)]` starts at `i`.
fn is_cfg_test(tokens: &[Lexed], i: usize) -> bool {
    let expected = [
        Token::Punct('#'),
        Token::Punct('['),
        Token::Ident("cfg".into()),
        Token::Punct('('),
        Token::Ident("test".into()),
        Token::Punct(')'),
        Token::Punct(']'),
    ];
    tokens.len() >= i + expected.len()
        && tokens[i..i + expected.len()]
            .iter()
            .zip(&expected)
            .all(|(t, e)| t.token == *e)
}

/// Past the item starting at `i`: its `;`, or the `}` closing its body.
fn end_of_item(tokens: &[Lexed], mut i: usize) -> usize {
    let mut nesting = 0i32;
    while i < tokens.len() {
        match tokens[i].token {
            Token::Punct('(' | '[') => nesting += 1,
            Token::Punct(')' | ']') => nesting -= 1,
            Token::Punct(';') if nesting == 0 => return i + 1,
            Token::Punct('{') if nesting == 0 => {
                let mut braces = 0;
                while i < tokens.len() {
                    match tokens[i].token {
                        Token::Punct('{') => braces += 1,
                        Token::Punct('}') => {
                            braces -= 1;
                            if braces == 0 {
                                return i + 1;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// Reads the use tree starting at `i` (after `use`, or inside its braces) into `paths`, each
/// prefixed with `prefix`; returns where the tree ends.
fn use_tree(tokens: &[Lexed], mut i: usize, prefix: Vec<String>, paths: &mut Vec<Module>) -> usize {
    let mut path = prefix;
    if tokens.get(i).map(|t| &t.token) == Some(&Token::PathSep) {
        i += 1;
    }
    while let Some(token) = tokens.get(i).map(|t| &t.token) {
        match token {
            Token::Ident(word) => {
                path.push(word.clone());
                i += 1;
                if tokens.get(i).map(|t| &t.token) == Some(&Token::PathSep) {
                    i += 1;
                    continue;
                }
                if tokens.get(i).map(|t| &t.token) == Some(&Token::Ident("as".into())) {
                    i += 2;
                }
                break;
            }
            Token::Punct('{') => {
                i += 1;
                while let Some(token) = tokens.get(i).map(|t| &t.token) {
                    match token {
                        Token::Punct('}') => {
                            i += 1;
                            break;
                        }
                        Token::Punct(',') => i += 1,
                        _ => i = use_tree(tokens, i, path.clone(), paths),
                    }
                }
                return i;
            }
            Token::Punct('*') => {
                i += 1;
                break;
            }
            _ => break,
        }
    }
    if path.last().is_some_and(|last| last == "self") {
        path.pop();
    }
    paths.push(path);
    i
}

/// A path written in module `here` as a path from the crate root; `None` for other crates'
/// paths (and for paths relative to `here` without `self::`, which the house does not write).
fn absolute(here: &Module, path: &[String]) -> Option<Module> {
    let (first, rest) = path.split_first()?;
    let mut module = match first.as_str() {
        "crate" => Vec::new(),
        "self" => here.clone(),
        "super" => {
            let mut module = here.clone();
            module.pop()?;
            let supers = rest.iter().take_while(|s| *s == "super").count();
            for _ in 0..supers {
                module.pop()?;
            }
            module.extend(rest[supers..].iter().cloned());
            return Some(module);
        }
        _ => return None,
    };
    module.extend(rest.iter().cloned());
    Some(module)
}

// ---- Cycles -----------------------------------------------------------------------------------

/// The groups of files that depend on each other in a circle (strongly connected components of
/// more than one file), each sorted, in a stable order.
fn cycles(graph: &Graph) -> Vec<Vec<Module>> {
    struct Tarjan<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a Module, usize>,
        low: BTreeMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        on_stack: BTreeSet<&'a Module>,
        found: Vec<Vec<Module>>,
    }

    impl<'a> Tarjan<'a> {
        fn visit(&mut self, module: &'a Module) {
            let index = self.index.len();
            self.index.insert(module, index);
            self.low.insert(module, index);
            self.stack.push(module);
            self.on_stack.insert(module);
            for next in self
                .graph
                .get(module)
                .into_iter()
                .flat_map(|edges| edges.keys())
            {
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[module].min(self.low[next]);
                    self.low.insert(module, low);
                } else if self.on_stack.contains(next) {
                    let low = self.low[module].min(self.index[next]);
                    self.low.insert(module, low);
                }
            }
            if self.low[module] == self.index[module] {
                let mut component = Vec::new();
                loop {
                    let member = self.stack.pop().unwrap();
                    self.on_stack.remove(member);
                    component.push(member.clone());
                    if member == module {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }

    let mut tarjan = Tarjan {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for module in graph.keys() {
        if !tarjan.index.contains_key(module) {
            tarjan.visit(module);
        }
    }
    let mut found = tarjan.found;
    found.sort();
    found
}

/// `cycle: a, b` for each group, then the imports that close it, with where they are.
fn describe_cycles(
    cycles: &[Vec<Module>],
    graph: &Graph,
    sources: &BTreeMap<Module, Source>,
) -> String {
    let mut text = String::new();
    for cycle in cycles {
        let names: Vec<String> = cycle.iter().map(module_name).collect();
        text.push_str(&format!("cycle: {}\n", names.join(", ")));
        for from in cycle {
            for (to, line) in &graph[from] {
                if cycle.contains(to) {
                    text.push_str(&format!(
                        "  {} -> {}  ({}:{line})\n",
                        module_name(from),
                        module_name(to),
                        sources[from].path.display()
                    ));
                }
            }
        }
    }
    text
}

// ---- The checks' own tests ---------------------------------------------------------------------

/// A crate in memory: `("articles/handlers", "use crate::db;")`, `("lib", …)` for the root.
fn crate_of(files: &[(&str, &str)]) -> BTreeMap<Module, Source> {
    files
        .iter()
        .map(|(name, text)| {
            let module: Module = if *name == "lib" {
                Vec::new()
            } else {
                name.split('/').map(str::to_owned).collect()
            };
            let source = Source {
                path: PathBuf::from(format!("{name}.rs")),
                text: (*text).to_owned(),
            };
            (module, source)
        })
        .collect()
}

fn cycle_names(files: &[(&str, &str)]) -> Vec<String> {
    let sources = crate_of(files);
    cycles(&import_graph(&sources))
        .iter()
        .map(|cycle| {
            let names: Vec<String> = cycle.iter().map(module_name).collect();
            names.join(", ")
        })
        .collect()
}

fn edges_of(files: &[(&str, &str)], from: &str) -> Vec<String> {
    let sources = crate_of(files);
    let from: Module = from.split('/').map(str::to_owned).collect();
    import_graph(&sources)[&from]
        .keys()
        .map(module_name)
        .collect()
}

#[test]
fn a_cycle_through_a_use_and_an_inline_path_is_found_and_named() {
    let files = [
        (
            "lib",
            "pub mod cache;\npub mod discovery;\npub mod metrics;\npub mod db;",
        ),
        ("cache", "use crate::metrics::Counter;\npub struct Cache;"),
        ("metrics", "pub fn render() { crate::discovery::feeds(); }"),
        (
            "discovery",
            "use crate::{cache::Cache, db};\npub fn feeds() {}",
        ),
        ("db", "pub struct Pool;"),
    ];
    assert_eq!(cycle_names(&files), ["cache, discovery, metrics"]);
    let sources = crate_of(&files);
    let graph = import_graph(&sources);
    let text = describe_cycles(&cycles(&graph), &graph, &sources);
    assert!(text.contains("cycle: cache, discovery, metrics"), "{text}");
    assert!(
        text.contains("metrics -> discovery  (metrics.rs:1)"),
        "{text}"
    );
}

#[test]
fn a_crate_whose_imports_go_one_way_has_no_cycle() {
    let files = [
        ("lib", "pub mod articles;\npub mod db;\npub mod error;"),
        ("articles", "pub mod handlers;\npub mod queries;"),
        (
            "articles/handlers",
            "use super::queries;\nuse crate::error::ApiError;",
        ),
        (
            "articles/queries",
            "use crate::db::{self, schema::articles};",
        ),
        ("db", "pub mod schema;\nuse crate::error::ApiError;"),
        ("db/schema", ""),
        ("error", "pub enum ApiError {}"),
    ];
    assert!(cycle_names(&files).is_empty());
    assert_eq!(
        edges_of(&files, "articles/handlers"),
        ["articles/queries", "error"]
    );
    assert_eq!(edges_of(&files, "articles/queries"), ["db", "db/schema"]);
}

#[test]
fn super_names_a_sibling_file_and_two_siblings_naming_each_other_are_a_cycle() {
    let files = [
        ("articles", "mod admin;\nmod handlers;"),
        ("articles/admin", "use super::handlers::etag_of;"),
        ("articles/handlers", "pub fn f() { super::admin::check(); }"),
    ];
    assert_eq!(cycle_names(&files), ["articles/admin, articles/handlers"]);
}

#[test]
fn comments_strings_macros_and_test_code_are_not_imports() {
    let files = [
        ("a", "pub fn f() {}"),
        (
            "b",
            r####"
            // use crate::a::f;
            /* crate::a::f(); /* nested */ crate::a::f(); */
            const TEXT: &str = "crate::a::f";
            const RAW: &str = r#"use crate::a::f;"#;
            const QUOTE: char = '"';
            fn lifetime<'a>(x: &'a str) -> &'a str { x }
            macro_rules! m { () => { $crate::a::f() }; }
            #[cfg(test)]
            mod tests {
                use crate::a::f;
                use super::super::a;
            }
            pub fn g() {}
            "####,
        ),
    ];
    assert!(
        edges_of(&files, "b").is_empty(),
        "{:?}",
        edges_of(&files, "b")
    );
}

#[test]
fn super_inside_an_inline_module_is_the_file_itself() {
    let files = [
        ("a", "fn helper() {}\nmod inner { use super::helper; }"),
        ("b", "use crate::a;"),
    ];
    assert!(edges_of(&files, "a").is_empty());
    assert_eq!(edges_of(&files, "b"), ["a"]);
}

#[test]
fn a_file_over_400_lines_passes_only_when_its_module_doc_says_why() {
    let body = "fn f() {}\n".repeat(LINE_LIMIT);
    assert!(
        length_is_explained(&body),
        "400 lines is the limit, not over it"
    );
    let long = format!("//! Feeds.\n{body}");
    assert!(!length_is_explained(&long));
    let explained = format!(
        "//! Feeds and the sitemap.\n//! Longer than 400 lines because the three XML documents\n\
         //! share one writer.\n{body}"
    );
    assert!(length_is_explained(&explained));
    let wrapped =
        format!("//! Feeds. Longer than 400\n//! lines because they share a writer.\n{body}");
    assert!(length_is_explained(&wrapped), "the phrase may wrap");
    let without_reason = format!("//! Longer than 400 lines because\n{body}");
    assert!(!length_is_explained(&without_reason), "a reason is given");
    let not_in_the_module_doc =
        format!("//! Feeds.\n{body}// Longer than 400 lines because of feeds.\n");
    assert!(!length_is_explained(&not_in_the_module_doc));
}
