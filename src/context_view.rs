//! Read in context: a quote's whole article, fetched from the same origin
//! only when a reader asks, with the quoted sentence highlighted at the exact
//! bytes of the event's span and scrolled into view. The text is rendered as
//! text, never as markup.

use crate::logic;
use atlas_model::{Article, ArticleText, Dataset, Event};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The quote whose article is open, and the element that opened it (focus
/// returns there on close).
#[derive(Clone, Copy)]
pub(crate) struct Context {
    open: RwSignal<Option<Event>>,
    opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
}

/// Makes "Read in context" available to the components below the caller.
pub(crate) fn provide() {
    provide_context(Context { open: RwSignal::new(None), opener: StoredValue::new_local(None) });
}

/// Where the build publishes an article's text (see the evidence example).
pub fn text_path(article: &str) -> String {
    format!("{}/{article}.txt", logic::TEXTS_DIR)
}

/// The article's body split around the event's quote, checked against the
/// quote itself: `None` if the text and the dataset disagree.
pub fn highlight<'a>(text: &'a ArticleText, event: &Event) -> Option<(&'a str, &'a str, &'a str)> {
    text.split(event.span.start, event.span.end).filter(|(_, q, _)| *q == event.quote)
}

/// What the dialog says about where the article comes from when there is no
/// web address to link to.
pub fn no_link_note(article: Option<&Article>) -> String {
    match article.and_then(|a| a.outlet.as_deref()) {
        Some(o) => format!("No web address is known for this article; it was published by {o}."),
        None => "No web address or outlet is known for this article.".to_string(),
    }
}

/// The button under a quote that opens its article.
#[component]
pub(crate) fn ReadInContext(event: Event) -> impl IntoView {
    use_context::<Context>().map(|ctx| {
        let open = move |ev: leptos::ev::MouseEvent| {
            let opener = ev.current_target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
            ctx.opener.set_value(opener);
            ctx.open.set(Some(event.clone()));
        };
        view! { <button type="button" class="link read-context" on:click=open>"Read in context"</button> }
    })
}

/// The dialog's fixed markup; its content is filled in as text by
/// [`fill`] and [`show_text`] (never parsed as markup).
const DIALOG_HTML: &str = "<div class=\"context-head\"><h2 id=\"context-title\" tabindex=\"-1\"></h2>\
<button type=\"button\" class=\"close\" data-action=\"close\" aria-label=\"Close the article\">\u{d7}</button></div>\
<p class=\"context-meta\"></p><p class=\"hint\"></p>\
<div class=\"article-text\" tabindex=\"0\" role=\"region\" aria-label=\"Article text\"></div>";

/// The article of the open quote, as a modal dialog: Escape or the close
/// button closes it and focus returns to the button that opened it. Like
/// the map, it is one block of markup whose parts are then set as text.
#[component]
pub(crate) fn ContextDialog(full: RwSignal<Option<&'static Dataset>>) -> impl IntoView {
    let ctx = expect_context::<Context>();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        let Some(el) = dialog.get() else { return };
        match ctx.open.get() {
            Some(event) => {
                let article = full.with_untracked(|f| f.and_then(|f| f.article(&event.article).cloned()));
                fill(&el, &event, article.as_ref());
                if !el.open() {
                    let _ = el.show_modal();
                }
                focus_id("context-title");
                load(el.into(), event, ctx.open);
            }
            None if el.open() => {
                el.close();
                restore_focus(ctx.opener.get_value());
            }
            None => {}
        }
    });
    let close = move || ctx.open.set(None);
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            // The page closes the country panel on Escape: this one is the dialog's.
            ev.prevent_default();
            ev.stop_propagation();
            close();
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if target.and_then(|t| t.closest("[data-action=close]").ok().flatten()).is_some() {
            close();
        }
    };
    view! {
        <dialog class="context" aria-labelledby="context-title" node_ref=dialog inner_html=DIALOG_HTML
            on:keydown=on_key on:click=on_click
            on:cancel=move |ev: leptos::ev::Event| { ev.prevent_default(); close(); }></dialog>
    }
}

/// The part of the dialog that `selector` finds.
fn part(dialog: &web_sys::Element, selector: &str) -> Option<web_sys::Element> {
    dialog.query_selector(selector).ok().flatten()
}

/// A new element with `text` as its only content.
fn element(tag: &str, text: &str) -> Option<web_sys::Element> {
    let el = document().create_element(tag).ok()?;
    el.set_text_content(Some(text));
    Some(el)
}

fn append(parent: &web_sys::Element, child: Option<web_sys::Element>) {
    if let Some(c) = child {
        let _ = parent.append_with_node_1(&c);
    }
}

/// Sets the article's title, outlet, date and link (or why there is none)
/// and the note on the quote; the text waits for its file.
fn fill(dialog: &web_sys::Element, event: &Event, article: Option<&Article>) {
    let title = article.and_then(|a| a.title.as_deref()).unwrap_or("Untitled article");
    if let Some(h) = part(dialog, "h2") {
        h.set_text_content(Some(title));
    }
    if let Some(meta) = part(dialog, ".context-meta") {
        meta.set_text_content(None);
        let outlet = article.and_then(|a| a.outlet.as_deref()).unwrap_or("Unknown outlet");
        append(&meta, element("span", outlet).inspect(|e| e.set_class_name("outlet")));
        let published = article.map(|a| logic::long_date(a.published)).unwrap_or_default();
        let _ = meta.append_with_str_1(&format!(" \u{b7} {published} \u{b7} "));
        match article.and_then(|a| a.url.as_deref()).and_then(logic::safe_link) {
            Some(url) => {
                let a = element("a", "Read it at its source");
                if let Some(a) = &a {
                    let _ = a.set_attribute("href", url);
                    let _ = a.set_attribute("rel", "noopener noreferrer");
                    let _ = a.set_attribute("target", "_blank");
                    append(
                        a,
                        element("span", " (opens in a new tab)").inspect(|e| e.set_class_name("visually-hidden")),
                    );
                }
                append(&meta, a);
            }
            None => append(&meta, element("span", &no_link_note(article)).inspect(|e| e.set_class_name("no-link"))),
        }
    }
    if let Some(hint) = part(dialog, ".hint") {
        let note = format!(
            "The highlighted sentence is the quote for this {} ({}).",
            event.kind.label(),
            logic::long_date(event.date)
        );
        hint.set_text_content(Some(&note));
    }
    show_text(dialog, None, event);
}

/// Fetches the article of `event` into the dialog, unless another quote
/// was opened in the meantime.
fn load(dialog: web_sys::Element, event: Event, open: RwSignal<Option<Event>>) {
    leptos::task::spawn_local(async move {
        let result = crate::app::fetch_text(&text_path(&event.article))
            .await
            .and_then(|t| ArticleText::from_file(&t).ok_or_else(|| "the file is not an article text".to_string()));
        if open.with_untracked(|o| o.as_ref() == Some(&event)) {
            show_text(&dialog, Some(result), &event);
            scroll_to_quote();
        }
    });
}

/// The article's text with the quote marked, or why it cannot be shown.
fn show_text(dialog: &web_sys::Element, text: Option<Result<ArticleText, String>>, event: &Event) {
    let Some(div) = part(dialog, ".article-text") else { return };
    div.set_text_content(None);
    let alert = |text: &str| element("p", text).inspect(|p| drop(p.set_attribute("role", "alert")));
    match text {
        None => append(
            &div,
            element("p", "Loading the article\u{2026}").inspect(|p| drop(p.set_attribute("role", "status"))),
        ),
        Some(Err(e)) => append(&div, alert(&format!("The article cannot be shown: {e}"))),
        Some(Ok(t)) => match highlight(&t, event) {
            Some((before, quote, after)) => {
                let _ = div.append_with_str_1(before);
                append(&div, element("mark", quote).inspect(|m| m.set_id("context-quote")));
                let _ = div.append_with_str_1(after);
            }
            None => {
                append(&div, alert("This copy of the article does not hold the quote at its recorded place, so nothing is highlighted."));
                let _ = div.append_with_str_1(&t.body);
            }
        },
    }
}

fn scroll_to_quote() {
    if let Some(mark) = document().get_element_by_id("context-quote") {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Center);
        mark.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

fn html_by_id(id: &str) -> Option<web_sys::HtmlElement> {
    document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

fn focus_id(id: &str) {
    if let Some(el) = html_by_id(id) {
        let _ = el.focus();
    }
}

/// Back to the button that opened the dialog, or the panel's heading if
/// that button is gone (the panel was rebuilt meanwhile).
fn restore_focus(opener: Option<web_sys::HtmlElement>) {
    if let Some(el) = opener.filter(|o| o.is_connected()).or_else(|| html_by_id("panel-title")) {
        let _ = el.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_quote_is_found_at_its_span_in_its_article_text() {
        let ds = Dataset::from_json(include_str!("../data/dataset.json")).unwrap();
        for e in &ds.events {
            let a = ds.article(&e.article).unwrap();
            let file = std::fs::read_to_string(format!("data/articles/{}", a.file)).unwrap();
            let text = ArticleText::of(&file);
            let (_, q, _) = highlight(&text, e).unwrap_or_else(|| panic!("{} in {}", e.actor, a.id));
            assert_eq!(q, e.quote);
        }
    }

    #[test]
    fn a_text_that_disagrees_with_the_quote_highlights_nothing() {
        let ds = Dataset::from_json(include_str!("../data/dataset.json")).unwrap();
        let mut e = ds.events[0].clone();
        let text = ArticleText { start: 0, body: "x".repeat(e.span.end + 10) };
        assert!(highlight(&text, &e).is_none());
        e.span.start = e.span.end + 1;
        assert!(highlight(&text, &e).is_none(), "a reversed span");
    }

    #[test]
    fn an_article_without_a_link_names_its_outlet() {
        let ds = Dataset::from_json(include_str!("../data/dataset.json")).unwrap();
        let a = ds.articles.iter().find(|a| a.url.is_none()).unwrap();
        assert_eq!(
            no_link_note(Some(a)),
            format!("No web address is known for this article; it was published by {}.", a.outlet.as_deref().unwrap())
        );
        assert_eq!(no_link_note(None), "No web address or outlet is known for this article.");
        assert!(text_path("019_orinocotribune").ends_with("/019_orinocotribune.txt"));
    }
}
