//! `workshop serve` in a real browser: headless Chromium as several
//! phones voting at once (each its own cookies, a phone-sized screen) and
//! as the facilitator on a laptop, who reveals the results and reads them.
//! Screenshots go to `$CARGO_TARGET_TMPDIR/browser-screenshots/`.

use crate::browser::{launch, wait_for};
use crate::common::new_session;
use crate::live::Server;
use headless_chrome::Tab;
use headless_chrome::protocol::cdp::Emulation;
use headless_chrome::protocol::cdp::Log::LogEntryLevel;
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::protocol::cdp::types::Event;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// A tab the size of `width` x `height` CSS pixels (a phone when
/// `mobile`), with everything it logs at error level collected (CSP
/// violations, failed loads) into `errors`.
fn screen(tab: &Arc<Tab>, width: u32, height: u32, mobile: bool, errors: &Arc<Mutex<Vec<String>>>) {
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width,
        height,
        device_scale_factor: if mobile { 2.0 } else { 1.0 },
        mobile,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .expect("the screen size");
    let sink = Arc::clone(errors);
    tab.add_event_listener(Arc::new(move |event: &Event| {
        if let Event::LogEntryAdded(added) = event
            && added.params.entry.level == LogEntryLevel::Error
        {
            sink.lock().unwrap().push(added.params.entry.text.clone());
        }
    }))
    .expect("an event listener");
    tab.enable_log().expect("the Log domain");
}

fn eval(tab: &Tab, expression: &str) -> serde_json::Value {
    tab.evaluate(expression, false)
        .unwrap_or_else(|e| panic!("{expression}: {e}"))
        .value
        .unwrap_or(serde_json::Value::Null)
}

fn text(tab: &Tab, selector: &str) -> String {
    let found = eval(
        tab,
        &format!(
            "Array.from(document.querySelectorAll({})).map(e => e.innerText.trim()).join('\\n')",
            serde_json::Value::String(selector.into())
        ),
    );
    found.as_str().unwrap_or_default().to_string()
}

/// Goes to `url` and waits for the page to have loaded there.
fn go(tab: &Tab, url: &str) {
    tab.navigate_to(url).expect("navigation starts");
    loaded(tab, url);
}

fn loaded(tab: &Tab, url: &str) {
    let done = format!(
        "document.readyState === 'complete' && location.href === {}",
        serde_json::Value::String(url.into())
    );
    wait_for(url, || eval(tab, &done) == serde_json::Value::Bool(true));
}

fn click(tab: &Tab, selector: &str) {
    tab.find_element(selector)
        .unwrap_or_else(|e| panic!("{selector}: {e}"))
        .click()
        .unwrap_or_else(|e| panic!("clicking {selector}: {e}"));
}

fn screenshot(tab: &Tab, name: &str) {
    let png = tab
        .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
        .expect("a screenshot");
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-screenshots");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join(format!("{name}.png")), png).unwrap();
}

/// What a page must be on any screen: styled (its stylesheet allowed by
/// its own policy), without script, loading nothing from anywhere else,
/// and (on a phone) never wider than the screen.
fn assert_sound(tab: &Tab, origin: &str, what: &str) {
    assert_eq!(eval(tab, "document.scripts.length"), 0, "{what}");
    let outside = eval(
        tab,
        &format!(
            "JSON.stringify(performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith({})))",
            serde_json::Value::String(origin.into())
        ),
    );
    assert_eq!(outside, "[]", "{what}");
    assert_eq!(
        eval(
            tab,
            "getComputedStyle(document.querySelector('button')).backgroundColor"
        ),
        "rgb(29, 29, 31)",
        "{what}: the stylesheet did not apply"
    );
    assert_eq!(
        eval(
            tab,
            "document.documentElement.scrollWidth <= window.innerWidth"
        ),
        true,
        "{what} is wider than the screen"
    );
}

#[test]
fn several_phones_vote_at_once_and_the_facilitator_reveals_the_results() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copilot.yaml");
    new_session(&path);
    let server = Server::start(&path, 0);
    let Some(browser) = launch() else { return };
    let errors = Arc::new(Mutex::new(Vec::new()));
    let origin = server.origin();

    // Three phones, each with its own cookies.
    let people = [
        (
            "Ana",
            "6m",
            ["fact", "fact"],
            "0.95",
            "We audited it in March",
        ),
        (
            "Ben",
            "3y",
            ["assumption", "assumption"],
            "0.25",
            "Half the fields are free text",
        ),
        ("Cy <b>", "3y", ["assumption", "fact"], "", ""),
    ];
    let contexts: Vec<_> = people
        .iter()
        .map(|_| browser.new_context().unwrap())
        .collect();
    let phones: Vec<Arc<Tab>> = contexts.iter().map(|c| c.new_tab().unwrap()).collect();
    for (tab, (name, horizon, readings, likely, why)) in phones.iter().zip(&people) {
        screen(tab, 390, 844, true, &errors);
        go(tab, &server.join);
        assert_sound(tab, &origin, "the participant's page");
        tab.find_element("#name").unwrap().type_into(name).unwrap();
        click(tab, &format!("input[name=horizon][value='{horizon}']"));
        for (i, reading) in readings.iter().enumerate() {
            click(tab, &format!("input[name=read{i}][value={reading}]"));
        }
        eval(
            tab,
            &format!("document.querySelector('#likely0').value = '{likely}'"),
        );
        if !why.is_empty() {
            tab.find_element("#why0").unwrap().type_into(why).unwrap();
        }
    }
    screenshot(&phones[0], "live-phone-form");
    // All three send at once.
    for tab in &phones {
        click(tab, "button[type=submit]");
    }
    for (tab, (name, ..)) in phones.iter().zip(&people) {
        wait_for("the vote to be saved", || {
            !text(tab, ".notice.saved").is_empty()
        });
        assert_eq!(
            text(tab, ".notice.saved"),
            format!(
                "Thank you, {name}: your vote is saved. You can change it below until the facilitator closes voting."
            )
        );
    }
    screenshot(&phones[1], "live-phone-saved");

    // The facilitator, on a laptop.
    let desk = browser.new_tab().unwrap();
    screen(&desk, 1280, 900, false, &errors);
    go(&desk, &server.facilitator);
    assert_sound(&desk, &origin, "the facilitator's page");
    assert_eq!(text(&desk, "ul.voters li"), "Ana\nBen\nCy <b>");
    assert_eq!(text(&desk, ".status p"), "Voting is open. Voted: 3");
    screenshot(&desk, "live-facilitator-open");
    click(&desk, "form[action$='/close'] button");
    wait_for("the report", || !text(&desk, ".report .verdict").is_empty());
    assert_eq!(text(&desk, ".report .verdict"), "Verdict: Split.");
    assert_eq!(
        text(&desk, ".report ul.reasons li"),
        "Ana (fact, 95% likely to hold): We audited it in March\nBen (assumption, 25% likely to hold): Half the fields are free text"
    );
    assert_eq!(
        eval(
            &desk,
            "document.querySelectorAll('.report svg circle').length > 0"
        ),
        true
    );
    screenshot(&desk, "live-facilitator-revealed");

    // Phones are told, and the report reads the same from the file.
    go(&phones[2], &server.join);
    assert_eq!(
        text(&phones[2], ".notice"),
        "Voting is closed. The facilitator is showing the results."
    );
    screenshot(&phones[2], "live-phone-closed");
    desk.set_bounds(headless_chrome::types::Bounds::Normal {
        left: None,
        top: None,
        width: Some(390.0),
        height: Some(844.0),
    })
    .ok();
    screen(&desk, 390, 844, true, &errors);
    go(&desk, &server.facilitator);
    screenshot(&desk, "live-facilitator-phone");
    assert_eq!(*errors.lock().unwrap(), Vec::<String>::new());
}
