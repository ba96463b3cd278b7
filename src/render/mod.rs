//! Step 3 of a build: Markdown once per field and language, one small template context per
//! page, and tera for the HTML. `Renderer::new` prepares everything that pages share (per
//! language and code, once); `Renderer::render` turns one `Page` into its bytes.

mod context;
pub mod data;
pub mod diagram;
pub mod markdown;
mod pages;
pub mod prose;
pub mod search;
pub mod sitemap;
pub mod theme;
mod values;

pub use context::Renderer;
pub use pages::Page;
