//! Text for a terminal: the 2x2 with a marker, the verdict, the playbook card,
//! what would flip it, warnings and any mismatch.

use super::phrases::{self, borderline_summary, capitalise, knowledge_answer, mismatch_headline};
use super::renderer::{Renderer, TextStyle};
use super::sanitize::plain;
use crate::check::{CheckReport, Outcome};
use crate::diagnosis::{ChartPoint, Diagnosis};
use crate::diff::DiffReport;
use crate::framework::{Framework, HorizonSide, KnowledgeSide, Playbook, Quadrant};
use crate::history::HistoryReport;
use crate::portfolio::Portfolio;
use crate::track_record::TrackRecord;
use crate::wording::fill;
use crate::workshop::WorkshopReport;
use anstyle::{AnsiColor, Style};
use comfy_table::{Cell, ContentArrangement, Table, presets};
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// Text for a terminal, or a plain-text file when piped.
pub struct Text;

impl Renderer for Text {
    fn diagnosis(&self, framework: &Framework, style: TextStyle, d: &Diagnosis) -> String {
        diagnosis(framework, d, style)
    }

    fn workshop(&self, framework: &Framework, style: TextStyle, report: &WorkshopReport) -> String {
        workshop(framework, report, style)
    }

    fn portfolio(&self, framework: &Framework, style: TextStyle, portfolio: &Portfolio) -> String {
        self::portfolio(framework, portfolio, style)
    }

    fn check(&self, framework: &Framework, style: TextStyle, report: &CheckReport) -> String {
        check(framework, report, style)
    }

    fn calibration(&self, framework: &Framework, style: TextStyle, report: &TrackRecord) -> String {
        calibration(framework, report, style)
    }

    fn card(&self, framework: &Framework, style: TextStyle, playbook: &Playbook) -> String {
        card(framework, playbook, style.width)
    }

    fn diff(&self, framework: &Framework, style: TextStyle, report: &DiffReport) -> String {
        diff(framework, report, style)
    }

    fn history(&self, framework: &Framework, style: TextStyle, report: &HistoryReport) -> String {
        let paint = Paint(style.color);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}\n",
            paint.bold(&plain(&phrases::history_title(framework, report)))
        );
        let mut table = table(style.width);
        table.set_header(phrases::history_headings(framework).map(|h| plain(&h)));
        for (i, step) in report.steps.iter().enumerate() {
            table.add_row(phrases::history_cells(framework, i + 1, step).map(|c| plain(&c)));
        }
        let _ = writeln!(out, "{table}");
        out
    }
}

/// Applies styles only when colour is on.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn style(self, style: Style, text: &str) -> String {
        if self.0 {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }

    fn bold(self, text: &str) -> String {
        self.style(Style::new().bold(), text)
    }

    fn verdict(self, text: &str) -> String {
        self.style(
            Style::new().bold().fg_color(Some(AnsiColor::Green.into())),
            text,
        )
    }

    fn dim(self, text: &str) -> String {
        self.style(Style::new().dimmed(), text)
    }

    fn warn(self, text: &str) -> String {
        self.style(Style::new().fg_color(Some(AnsiColor::Yellow.into())), text)
    }

    fn alarm(self, text: &str) -> String {
        self.style(
            Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
            text,
        )
    }
}

/// The diagnosis for a terminal (or a plain-text file when piped): what an
/// executive needs first (the 2x2, the verdict, whether today's playbook
/// fits, what would change it, warnings), then the playbook's card, which
/// `--brief` leaves out so the report fits one screen.
fn diagnosis(framework: &Framework, d: &Diagnosis, style: TextStyle) -> String {
    let paint = Paint(style.color);
    let width = usize::from(style.width);
    let words = &framework.words.report;
    let mut out = String::new();
    if let Some(name) = d.initiative {
        for line in textwrap::wrap(&plain(name), width.max(40)) {
            let _ = writeln!(out, "{}", paint.bold(&line));
        }
    }
    if style.brief {
        compact_grid(&mut out, framework, d, paint);
    } else {
        diagnosis_grid(&mut out, framework, d, paint);
    }
    verdict(&mut out, framework, d, paint, width);
    if let Some(current) = &d.current {
        let _ = writeln!(out, "\n{}", paint.bold(&plain(&words.playbook_today)));
        let headline = plain(&mismatch_headline(framework, current));
        match &current.cost {
            None => out.push_str(&wrap(&headline, width, "  ", "  ")),
            Some(cost) => {
                // One paragraph: the verdict on it, then what it costs here.
                let mut paragraph = vec![headline.clone(), plain(&cost.explanation)];
                if !style.brief {
                    paragraph.push(plain(&cost.consequence));
                }
                let text = paragraph.join(" ");
                for line in textwrap::wrap(&text, width.max(40) - 2) {
                    // The verdict on it in red, where colour is on.
                    let shown = match line.strip_prefix(headline.as_str()) {
                        Some(rest) => format!("{}{rest}", paint.alarm(&headline)),
                        None => line.to_string(),
                    };
                    let _ = writeln!(out, "  {shown}");
                }
            }
        }
    }
    let _ = writeln!(out, "\n{}", paint.bold(&plain(&words.what_would_change)));
    for flip in &d.flips {
        out.push_str(&wrap(
            &capitalise(&plain(&flip.change)),
            width,
            "  • ",
            "  • ",
        ));
    }
    if let Some(outlook) = phrases::outlook(framework, d) {
        outlook_section(&mut out, framework, &outlook, paint, style);
    }
    let warnings: Vec<String> = if style.brief {
        phrases::warnings_in_brief(framework, d)
    } else {
        d.warnings.iter().map(|w| w.message.clone()).collect()
    };
    if !warnings.is_empty() {
        let _ = writeln!(out, "\n{}", paint.bold(&plain(&words.warnings)));
        for warning in &warnings {
            out.push_str(&wrap(&plain(warning), width, "  ! ", &paint.warn("  ! ")));
        }
    }
    if !style.brief {
        out.push('\n');
        out.push_str(&card(framework, d.position.playbook, style.width));
    }
    trim_lines(&out)
}

/// How stable the diagnosis is, and what to test first (in a brief report,
/// the shares alone).
fn outlook_section(
    out: &mut String,
    framework: &Framework,
    outlook: &phrases::OutlookWords,
    paint: Paint,
    style: TextStyle,
) {
    let width = usize::from(style.width);
    let words = &framework.words.outlook;
    let _ = writeln!(out, "\n{}", paint.bold(&plain(&words.heading)));
    if style.brief {
        out.push_str(&wrap(&plain(&outlook.shares.join("; ")), width, "  ", "  "));
        return;
    }
    for share in &outlook.shares {
        out.push_str(&wrap(&plain(share), width, "  • ", "  • "));
    }
    if let Some(misfit) = &outlook.misfit {
        out.push_str(&wrap(&plain(misfit), width, "  ", "  "));
    }
    out.push_str(&wrap(&paint.dim(&plain(&outlook.basis)), width, "  ", "  "));
    if outlook.tests.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", paint.bold(&plain(&words.test_first)));
    for (i, (line, planned)) in outlook.tests.iter().enumerate() {
        let lead = format!("  {}. ", i + 1);
        out.push_str(&wrap(&plain(line), width, &lead, &lead));
        if let Some(planned) = planned {
            out.push_str(&wrap(&plain(planned), width, "     ", "     "));
        }
    }
    out.push_str(&wrap(&plain(&outlook.how), width, "  ", "  "));
}

/// No trailing spaces: reports are diffed and pasted.
fn trim_lines(out: &str) -> String {
    out.lines()
        .map(str::trim_end)
        .fold(String::new(), |mut all, line| {
            all.push_str(line);
            all.push('\n');
            all
        })
}

/// Word-wraps `text` to `width` columns. The first line starts with `lead`
/// (printed as `shown_lead`, which may carry colour); the rest are indented
/// to match.
fn wrap(text: &str, width: usize, lead: &str, shown_lead: &str) -> String {
    let indent = " ".repeat(lead.chars().count());
    let options = textwrap::Options::new(width.max(40))
        .initial_indent(lead)
        .subsequent_indent(&indent);
    let wrapped = textwrap::fill(text, options);
    format!("{shown_lead}{}\n", &wrapped[lead.len()..])
}

/// The 2x2 with every playbook's name and a marker where the answers land.
fn diagnosis_grid(out: &mut String, framework: &Framework, d: &Diagnosis, paint: Paint) {
    let rows = 1;
    grid(
        out,
        framework,
        paint,
        Some(d.position.quadrant),
        rows,
        &|q, line, cell| match marker_column(d, q, line, rows, cell) {
            Some(column) => format!(
                "{}{}{}",
                " ".repeat(column),
                paint.verdict("●"),
                " ".repeat(cell - column - 1)
            ),
            None => " ".repeat(cell),
        },
    );
}

/// The 2x2 in three lines, for a brief report: the diagnosed playbook
/// marked and highlighted.
fn compact_grid(out: &mut String, framework: &Framework, d: &Diagnosis, paint: Paint) {
    let row_labels = [KnowledgeSide::Facts, KnowledgeSide::Assumptions]
        .map(|side| plain(framework.knowledge_label(side)));
    let label_width = row_labels.iter().map(|l| width_of(l)).max().unwrap_or(0);
    let names: Vec<String> = Quadrant::ALL
        .iter()
        .map(|&q| {
            let marker = if q == d.position.quadrant {
                "● "
            } else {
                "  "
            };
            format!("{marker}{}", plain(&framework.playbook_for(q).name))
        })
        .collect();
    let column = names
        .iter()
        .step_by(2)
        .chain(std::iter::once(&plain(
            framework.horizon_label(HorizonSide::Short),
        )))
        .map(|n| width_of(n))
        .max()
        .unwrap_or(0)
        + 2;
    let pad = |text: &str, width: usize| {
        format!("{text}{}", " ".repeat(width.saturating_sub(width_of(text))))
    };
    let _ = writeln!(
        out,
        "{}   {}{}",
        " ".repeat(label_width),
        pad(&plain(framework.horizon_label(HorizonSide::Short)), column),
        plain(framework.horizon_label(HorizonSide::Long))
    );
    for (row, label) in row_labels.iter().enumerate() {
        let cells: Vec<String> = [row * 2, row * 2 + 1]
            .iter()
            .map(|&i| {
                let padded = if i % 2 == 0 {
                    pad(&names[i], column)
                } else {
                    names[i].clone()
                };
                if Quadrant::ALL[i] == d.position.quadrant {
                    paint.verdict(&padded)
                } else {
                    paint.dim(&padded)
                }
            })
            .collect();
        let _ = writeln!(out, "{} {}{}", pad(label, label_width), cells[0], cells[1]);
    }
    out.push('\n');
}

/// The 2x2 with every playbook's name; `content(quadrant, line, width)` fills
/// the `rows` lines under each name, exactly `width` columns wide.
fn grid(
    out: &mut String,
    framework: &Framework,
    paint: Paint,
    highlight: Option<Quadrant>,
    rows: usize,
    content: &dyn Fn(Quadrant, usize, usize) -> String,
) {
    let row_labels = [
        plain(framework.knowledge_label(KnowledgeSide::Facts)),
        plain(framework.knowledge_label(KnowledgeSide::Assumptions)),
    ];
    let column_labels = [
        plain(framework.horizon_label(HorizonSide::Short)),
        plain(framework.horizon_label(HorizonSide::Long)),
    ];
    let names: Vec<String> = framework.playbooks.iter().map(|p| plain(&p.name)).collect();
    let label_width = row_labels.iter().map(|l| width_of(l)).max().unwrap_or(0);
    let cell = column_labels
        .iter()
        .chain(&names)
        .map(|l| width_of(l))
        .max()
        .unwrap_or(0)
        .max(24);
    let pad = " ".repeat(label_width);
    let rule = "─".repeat(cell + 2);

    let _ = writeln!(
        out,
        "{pad}  {} {}",
        centre(&column_labels[0], cell + 2),
        centre(&column_labels[1], cell + 2)
    );
    let _ = writeln!(out, "{pad} ┌{rule}┬{rule}┐");
    for (row, row_label) in row_labels.iter().enumerate() {
        let quadrants = [Quadrant::ALL[row * 2], Quadrant::ALL[row * 2 + 1]];
        let title: Vec<String> = quadrants
            .iter()
            .map(|&q| {
                let name = plain(&framework.playbook_for(q).name);
                let padded = format!("{name}{}", " ".repeat(cell - width_of(&name)));
                if Some(q) == highlight {
                    paint.verdict(&padded)
                } else {
                    paint.dim(&padded)
                }
            })
            .collect();
        let _ = writeln!(
            out,
            "{row_label:<label_width$} │ {} │ {} │",
            title[0], title[1]
        );
        for line in 0..rows {
            let cells: Vec<String> = quadrants.iter().map(|&q| content(q, line, cell)).collect();
            let _ = writeln!(out, "{pad} │ {} │ {} │", cells[0], cells[1]);
        }
        if row == 0 {
            let _ = writeln!(out, "{pad} ├{rule}┼{rule}┤");
        }
    }
    let _ = writeln!(out, "{pad} └{rule}┴{rule}┘\n");
}

/// The column of the marker if it belongs on this line of this quadrant.
fn marker_column(
    d: &Diagnosis,
    quadrant: Quadrant,
    line: usize,
    lines: usize,
    cell: usize,
) -> Option<usize> {
    if quadrant != d.position.quadrant {
        return None;
    }
    let ChartPoint { x, y } = d.position.chart;
    // Position within the quadrant's half of each axis, 0..1.
    let across = (x - if x >= 0.5 { 0.5 } else { 0.0 }) * 2.0;
    let up = (y - if y >= 0.5 { 0.5 } else { 0.0 }) * 2.0;
    let marker_line = (((1.0 - up) * lines as f64) as usize).min(lines - 1);
    (marker_line == line).then(|| ((across * (cell - 1) as f64).round() as usize).min(cell - 1))
}

fn verdict(out: &mut String, framework: &Framework, d: &Diagnosis, paint: Paint, width: usize) {
    let words = &framework.words;
    let _ = writeln!(
        out,
        "{} {}",
        paint.bold(&format!("{}:", plain(&words.report.playbook))),
        paint.verdict(&plain(&d.position.playbook.name))
    );
    let labels = [
        &words.report.horizon,
        &words.report.knowledge,
        &words.report.borderline,
    ]
    .map(|label| plain(label));
    let label_width = labels.iter().map(|l| width_of(l)).max().unwrap_or(0);
    let answers = [
        phrases::horizon_answer(framework, d),
        knowledge_answer(framework, d),
        borderline_summary(framework, d),
    ];
    for (i, (label, answer)) in labels.iter().zip(answers).enumerate() {
        // Borderline is said only when it is, with what it means.
        if i == 2 && !d.position.borderline.any() {
            continue;
        }
        let padded = format!("{label}{}", " ".repeat(label_width - width_of(label)));
        let shown = if i == 2 && d.position.borderline.any() {
            paint.warn(&padded)
        } else {
            paint.bold(&padded)
        };
        out.push_str(&wrap(
            &plain(&answer),
            width,
            &format!("  {padded}  "),
            &format!("  {shown}  "),
        ));
    }
}

/// The playbook as a two-column table.
/// An empty table in the house style, fitted to `width` columns.
pub fn table(width: u16) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    table
}

/// A playbook's whole card as a table.
pub fn card(framework: &Framework, playbook: &Playbook, width: u16) -> String {
    let words = &framework.words.card;
    let list = |items: &[String], numbered: bool| {
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                if numbered {
                    format!("{}. {}", i + 1, plain(item))
                } else {
                    format!("- {}", plain(item))
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let case = &playbook.case;
    let mut table = table(width);
    table.set_header(vec![
        Cell::new(plain(&playbook.name)),
        Cell::new(plain(&playbook.summary)),
    ]);
    let rows = [
        (&words.diagnosis, plain(&playbook.diagnosis)),
        (&words.guiding_policy, plain(&playbook.guiding_policy)),
        (&words.moves, list(&playbook.moves, true)),
        (&words.avoid, list(&playbook.avoid, false)),
        (&words.diagnose_again, list(&playbook.warning_signs, false)),
        (&words.questions, list(&playbook.questions, false)),
        (
            &words.bias,
            format!(
                "{}: {}",
                plain(&playbook.bias.name),
                plain(&playbook.bias.watch_for)
            ),
        ),
        (
            &words.misfit,
            format!(
                "{}\n\n{}",
                plain(&playbook.misfit.knowledge),
                plain(&playbook.misfit.horizon)
            ),
        ),
        (
            &words.case,
            format!(
                "{}: {}\n\n{}\n\n{}\n\n{}",
                plain(&case.organisation),
                plain(&case.headline),
                plain(&case.story),
                list(&case.figures, false),
                plain(&case.lesson)
            ),
        ),
    ];
    for (label, value) in rows {
        table.add_row(vec![Cell::new(plain(label)), Cell::new(value)]);
    }
    format!("{table}\n")
}

/// How many columns `text` takes on a terminal.
fn width_of(text: &str) -> usize {
    text.width()
}

fn centre(text: &str, width_: usize) -> String {
    let used = width_of(text);
    if used >= width_ {
        return text.to_string();
    }
    let left = (width_ - used) / 2;
    format!(
        "{}{text}{}",
        " ".repeat(left),
        " ".repeat(width_ - used - left)
    )
}

/// `check`'s results: one line per finding or problem, then a summary.
fn check(framework: &Framework, report: &CheckReport, style: TextStyle) -> String {
    let paint = Paint(style.color);
    let words = &framework.words.check;
    // Status words padded to one width, so the paths line up.
    let status_width = [&words.pass, &words.fail, &words.note, &words.invalid]
        .iter()
        .map(|w| width_of(w))
        .max()
        .unwrap_or(0);
    let status = |word: &str| format!("{word}{}", " ".repeat(status_width - width_of(word)));
    let mut out = String::new();
    for file in &report.files {
        let path = plain(file.path);
        match &file.outcome {
            Outcome::Invalid(problems) => {
                for problem in &problems.0 {
                    let _ = writeln!(
                        out,
                        "{} {}",
                        paint.alarm(&status(&words.invalid)),
                        plain(&problem.to_string())
                    );
                }
            }
            Outcome::Checked {
                diagnosis,
                findings,
            } => {
                if let Some(fits) = phrases::check_fits(framework, diagnosis, findings) {
                    let _ = writeln!(
                        out,
                        "{} {path}: {}",
                        paint.verdict(&status(&words.pass)),
                        plain(&fits)
                    );
                }
                for finding in findings {
                    let place = finding
                        .place
                        .map(|(line, _)| format!(":{line}"))
                        .unwrap_or_default();
                    let label = if finding.fails {
                        paint.alarm(&status(&words.fail))
                    } else {
                        paint.dim(&status(&words.note))
                    };
                    let _ = writeln!(out, "{label} {path}{place}: {}", plain(&finding.message));
                }
            }
        }
    }
    let _ = writeln!(out, "\n{}", plain(&report.summary(framework)));
    out
}

/// A workshop report: each person, the consensus, the split, the verdict,
/// the contested claims and the questions to discuss.
fn workshop(framework: &Framework, report: &WorkshopReport, style: TextStyle) -> String {
    let paint = Paint(style.color);
    let width = usize::from(style.width);
    let words = &framework.words;
    let ws = &words.workshop;
    let mut out = String::new();
    let title = phrases::workshop_title(framework, report);
    let _ = writeln!(out, "{}\n", paint.bold(&plain(&title)));
    let verdict = phrases::workshop_verdict(framework, report);
    let _ = writeln!(out, "{}", paint.verdict(&plain(&verdict)));
    out.push_str(&wrap(
        &plain(report.alignment.meaning(framework)),
        width,
        "  ",
        "  ",
    ));

    let mut table = table(style.width);
    table.set_header(
        [
            &ws.participant,
            &ws.payoff_in,
            &ws.share_of_facts,
            &words.report.playbook,
        ]
        .map(|h| plain(h)),
    );
    let everyone = report
        .participants
        .iter()
        .map(|p| (p.name.as_str(), &p.position))
        .chain([(ws.consensus.as_str(), &report.consensus)]);
    for (name, position) in everyone {
        table.add_row(vec![
            plain(name),
            words.months(position.months),
            words.percent(position.score),
            plain(&position.playbook.name),
        ]);
    }
    let _ = writeln!(out, "\n{table}");
    out.push_str(&wrap(&plain(&ws.consensus_note), width, "  ", "  "));
    out.push('\n');

    let _ = writeln!(out, "{}", paint.bold(&plain(&ws.how_split)));
    let names: Vec<String> = report
        .split
        .iter()
        .map(|(id, _)| {
            framework
                .find_playbook(id)
                .map(|p| plain(&p.name))
                .unwrap_or_default()
        })
        .collect();
    let name_width = names.iter().map(|n| width_of(n)).max().unwrap_or(0);
    for (name, (_, count)) in names.iter().zip(&report.split) {
        let pad = " ".repeat(name_width - width_of(name));
        let _ = writeln!(out, "  {name}{pad}  {count}");
    }
    let spread = phrases::horizon_spread(framework, report);
    let _ = writeln!(out, "\n{}\n", plain(&spread));

    if let Some(convergence) = &report.convergence {
        let dw = &words.discussion;
        let _ = writeln!(out, "{}", paint.bold(&plain(&dw.convergence)));
        for line in phrases::convergence(framework, convergence) {
            out.push_str(&wrap(&plain(&line), width, "  ", "  "));
        }
        let mut shifts = self::table(style.width);
        shifts.set_header([&dw.agreement, &dw.round_one, &dw.round_two].map(|h| plain(h)));
        for row in phrases::agreement_rows(framework, convergence) {
            shifts.add_row(row.map(|cell| plain(&cell)));
        }
        let _ = writeln!(out, "{shifts}\n");
    }

    let _ = writeln!(out, "{}", paint.bold(&plain(&ws.contested)));
    if report.contested.is_empty() {
        let _ = writeln!(out, "  {}", plain(&ws.none_contested));
    }
    for (i, c) in report.contested.iter().enumerate() {
        let line = phrases::contested_claim(framework, c);
        let lead = format!("  {}. ", i + 1);
        out.push_str(&wrap(&plain(&line), width, &lead, &lead));
        if let Some(who) = phrases::contested_by(framework, c) {
            out.push_str(&wrap(&plain(&who), width, "     ", "     "));
        }
        for reason in phrases::reasons(framework, c) {
            out.push_str(&wrap(&plain(&reason), width, "     - ", "     - "));
        }
    }
    let _ = writeln!(out, "\n{}", paint.bold(&plain(&ws.to_discuss)));
    for prompt in &report.prompts {
        out.push_str(&wrap(&plain(prompt), width, "  • ", "  • "));
    }
    trim_lines(&out)
}

/// A portfolio: the 2x2 with counts, the table sorted for reading, the
/// count per playbook and every mismatch.
fn portfolio(framework: &Framework, portfolio: &Portfolio, style: TextStyle) -> String {
    let paint = Paint(style.color);
    let words = &framework.words;
    let pw = &words.portfolio;
    let mut out = String::new();
    let counts = portfolio.counts();
    let index = |q: Quadrant| q.index();
    let mismatched = |q: Quadrant| {
        portfolio
            .mismatches()
            .filter(|r| r.position.quadrant == q)
            .count()
    };
    grid(&mut out, framework, paint, None, 2, &|q, line, cell| {
        let text = match line {
            0 => words.count(
                counts[index(q)],
                &words.units.initiatives_one,
                &words.units.initiatives_other,
            ),
            _ if mismatched(q) > 0 => fill(
                &pw.declared_otherwise,
                &[("count", &mismatched(q).to_string())],
            ),
            _ => String::new(),
        };
        let text = plain(&text);
        let pad = cell.saturating_sub(width_of(&text));
        format!("{text}{}", " ".repeat(pad))
    });
    let mut table = table(style.width);
    table.set_header(phrases::portfolio_headings(framework).map(plain));
    for row in portfolio.sorted() {
        table.add_row(phrases::portfolio_cells(framework, row).map(|cell| plain(&cell)));
    }
    let _ = writeln!(out, "{table}\n");
    let _ = writeln!(out, "{}", paint.bold(&plain(&pw.count_per_playbook)));
    let names: Vec<String> = framework.playbooks.iter().map(|p| plain(&p.name)).collect();
    let name_width = names.iter().map(|n| width_of(n)).max().unwrap_or(0);
    for (name, count) in names.iter().zip(&counts) {
        let pad = " ".repeat(name_width - width_of(name));
        let _ = writeln!(out, "  {name}{pad}  {count}");
    }
    let mismatches: Vec<&crate::portfolio::Row> = portfolio.mismatches().collect();
    let heading = fill(&pw.mismatches, &[("count", &mismatches.len().to_string())]);
    let _ = writeln!(out, "\n{}", paint.bold(&plain(&heading)));
    if mismatches.is_empty() {
        let _ = writeln!(out, "  {}", plain(&pw.no_mismatches));
    }
    for row in mismatches {
        let _ = writeln!(
            out,
            "  {} {}",
            paint.alarm("!"),
            plain(&phrases::mismatch_line(framework, row))
        );
    }
    if let Some((heading, moved)) = phrases::portfolio_since(framework, portfolio) {
        let _ = writeln!(out, "\n{}", paint.bold(&plain(&heading)));
        if moved.is_empty() {
            let _ = writeln!(out, "  {}", plain(&pw.none_moved));
        }
        for line in moved {
            let _ = writeln!(out, "  {} {}", paint.warn("→"), plain(&line));
        }
    }
    trim_lines(&out)
}

/// A track record: the Brier score, the calibration table, each grouping,
/// how often each evidence kind's facts held and each playbook paid off.
fn calibration(framework: &Framework, report: &TrackRecord, style: TextStyle) -> String {
    let paint = Paint(style.color);
    let width = usize::from(style.width);
    let cw = &framework.words.calibration;
    let words = phrases::track_record(framework, report);
    let mut out = String::new();
    let _ = writeln!(out, "{}", paint.bold(&plain(&cw.title)));
    out.push_str(&wrap(&plain(&words.summary), width, "", ""));
    let _ = writeln!(out, "\n{}", paint.bold(&plain(&words.brier)));
    out.push_str(&wrap(&paint.dim(&plain(&cw.brier_meaning)), width, "", ""));
    if !words.bins.is_empty() {
        let _ = writeln!(out, "\n{}", paint.bold(&plain(&cw.table)));
        let mut table = table(style.width);
        table.set_header([&cw.stated, &cw.claims, &cw.held].map(|h| plain(h)));
        for row in &words.bins {
            table.add_row(row.clone().map(|cell| plain(&cell)));
        }
        let _ = writeln!(out, "{table}");
    }
    for (heading, rows) in &words.groups {
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", paint.bold(&plain(heading)));
        let mut table = table(style.width);
        table.set_header([&cw.group, &cw.claims, &cw.held, &cw.score].map(|h| plain(h)));
        for row in rows {
            table.add_row(row.clone().map(|cell| plain(&cell)));
        }
        let _ = writeln!(out, "{table}");
    }
    for (heading, lines) in [
        (&cw.evidence_heading, &words.evidence),
        (&cw.hit_rates, &words.hit_rates),
    ] {
        if lines.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", paint.bold(&plain(heading)));
        for line in lines {
            out.push_str(&wrap(&plain(line), width, "  • ", "  • "));
        }
    }
    trim_lines(&out)
}

/// How records changed: the title, each record's headline with its details
/// under it, and the counts.
fn diff(framework: &Framework, report: &DiffReport, style: TextStyle) -> String {
    let paint = Paint(style.color);
    let width = usize::from(style.width);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}\n",
        paint.bold(&plain(&phrases::diff_title(framework, report)))
    );
    if report.changes.is_empty() {
        let _ = writeln!(out, "{}\n", plain(&framework.words.diff.nothing));
    }
    for change in &report.changes {
        let (headline, details) = phrases::diff_change(framework, change);
        let headline = plain(&headline);
        let _ = writeln!(
            out,
            "{}",
            if change.moved() || change.new_mismatch() {
                paint.warn(&headline)
            } else {
                paint.bold(&headline)
            }
        );
        for detail in details {
            out.push_str(&wrap(&plain(&detail), width, "  - ", "  - "));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}", plain(&phrases::diff_summary(framework, report)));
    out
}
