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
    format!("{}/{article}.json", logic::TEXTS_DIR)
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

/// The article of the open quote, as a modal dialog: Escape or the close
/// button closes it and focus returns to the button that opened it.
#[component]
pub(crate) fn ContextDialog(full: RwSignal<Option<&'static Dataset>>) -> impl IntoView {
    let ctx = expect_context::<Context>();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let text = RwSignal::new(None::<Result<ArticleText, String>>);
    Effect::new(move |_| {
        let Some(el) = dialog.get() else { return };
        match ctx.open.get() {
            Some(event) => {
                if !el.open() {
                    let _ = el.show_modal();
                    // Focus moves in once the dialog is shown and its content rendered.
                    gloo::timers::callback::Timeout::new(0, || focus_id("context-title")).forget();
                }
                text.set(None);
                load(event, text, ctx.open);
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
    view! {
        <dialog class="context" aria-labelledby="context-title" node_ref=dialog on:keydown=on_key
            on:cancel=move |ev: leptos::ev::Event| { ev.prevent_default(); close(); }>
            {move || ctx.open.get().map(|event| {
                let article = full.get().and_then(|f| f.article(&event.article).cloned());
                view! { <ContextBody event=event article=article text=text on_close=close /> }
            })}
        </dialog>
    }
}

/// Fetches the article of `event` into `text`, unless another quote was
/// opened in the meantime.
fn load(event: Event, text: RwSignal<Option<Result<ArticleText, String>>>, open: RwSignal<Option<Event>>) {
    leptos::task::spawn_local(async move {
        let result = crate::app::fetch_text(&text_path(&event.article))
            .await
            .and_then(|t| serde_json::from_str::<ArticleText>(&t).map_err(|e| e.to_string()));
        if open.with_untracked(|o| o.as_ref() == Some(&event)) {
            text.set(Some(result));
            // Once the text is on the page, bring the quote into view.
            gloo::timers::callback::Timeout::new(0, scroll_to_quote).forget();
        }
    });
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

/// The dialog's content: the article's title, outlet, date and link, then
/// its text with the quote marked.
#[component]
fn ContextBody(
    event: Event,
    article: Option<Article>,
    text: RwSignal<Option<Result<ArticleText, String>>>,
    on_close: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let title = article.as_ref().and_then(|a| a.title.clone()).unwrap_or_else(|| "Untitled article".to_string());
    let outlet = article.as_ref().and_then(|a| a.outlet.clone()).unwrap_or_else(|| "Unknown outlet".to_string());
    let published = article.as_ref().map(|a| logic::long_date(a.published)).unwrap_or_default();
    let link = article.as_ref().and_then(|a| a.url.as_deref()).and_then(logic::safe_link).map(str::to_string);
    let note = no_link_note(article.as_ref());
    let lang = article.map(|a| a.lang);
    view! {
        <div class="context-head">
            <h2 id="context-title" tabindex="-1">{title}</h2>
            <button type="button" class="close" aria-label="Close the article" on:click=move |_| on_close()>"×"</button>
        </div>
        <p class="context-meta">
            <span class="outlet">{outlet}</span>{format!(" · {published} · ")}
            {match link {
                Some(u) => view! { <a href=u rel="noopener noreferrer" target="_blank">"Read it at its source"<span class="visually-hidden">" (opens in a new tab)"</span></a> }.into_any(),
                None => view! { <span class="no-link">{note}</span> }.into_any(),
            }}
        </p>
        <p class="hint">{format!("The highlighted sentence is the quote for this {} ({}).", event.kind.label(), logic::long_date(event.date))}</p>
        <div class="article-text" lang=lang tabindex="0" role="region" aria-label="Article text">{move || article_text(text.get(), &event)}</div>
    }
}

/// The article's text with the quote marked, or why it cannot be shown.
fn article_text(text: Option<Result<ArticleText, String>>, event: &Event) -> AnyView {
    match text {
        None => view! { <p class="loading" role="status">"Loading the article…"</p> }.into_any(),
        Some(Err(e)) => view! { <p role="alert">{format!("The article cannot be shown: {e}")}</p> }.into_any(),
        Some(Ok(t)) => match highlight(&t, event) {
            Some((before, quote, after)) => {
                let (before, quote, after) = (before.to_string(), quote.to_string(), after.to_string());
                view! { {before}<mark id="context-quote">{quote}</mark>{after} }.into_any()
            }
            None => view! {
                <p role="alert">"This copy of the article does not hold the quote at its recorded place, so nothing is highlighted."</p>
                {t.body}
            }
            .into_any(),
        },
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
        assert!(text_path("019_orinocotribune").ends_with("/019_orinocotribune.json"));
    }
}
