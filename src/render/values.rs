//! Template values built once and shared by every page that shows them (tera's values are
//! reference-counted, so handing a code to 70 pair pages costs a pointer copy, not a
//! re-serialization as in Zola).

use std::collections::BTreeMap;
use tera::Value;

/// A map value from `key => value` pairs.
macro_rules! obj {
    ($($k:literal => $v:expr),* $(,)?) => {{
        let mut m: std::collections::BTreeMap<&'static str, tera::Value> = std::collections::BTreeMap::new();
        $(m.insert($k, tera::Value::from($v));)*
        tera::Value::from(m)
    }};
}
pub(crate) use obj;

pub fn text(s: impl AsRef<str>) -> Value {
    Value::normal_string(s.as_ref())
}

/// HTML that codevs produced itself (sanitized Markdown, JSON-LD): inserted unescaped.
pub fn html(s: impl AsRef<str>) -> Value {
    Value::safe_string(s.as_ref())
}

pub fn list<T: Into<Value>>(items: impl IntoIterator<Item = T>) -> Value {
    Value::from(items.into_iter().map(Into::into).collect::<Vec<Value>>())
}

pub fn strings<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Value {
    list(items.into_iter().map(|s| text(s)))
}

/// A value from any serializable tree (used for the theme's string tree).
pub fn from_tree<T: serde::Serialize>(tree: &T) -> Value {
    Value::from_serializable(tree)
}

pub type Map = BTreeMap<&'static str, Value>;
