//! The pack's wording: every word a reader sees that is not a playbook, so a
//! pack in another language gives a report entirely in that language.
//!
//! Sentences carry placeholders such as `{playbook}`. Each entry declares the
//! placeholders calibrate supplies for it, and a pack is refused when an
//! entry uses any other, so a typo never reaches a report.

use crate::problem::Collector;
use crate::yaml::Locations;
use serde::{Deserialize, Serialize};

/// Declares the wording's sections: each entry is a string that may use the
/// listed placeholders. One list serves the types, the validation and the
/// key inventory, so they cannot drift apart.
macro_rules! wording {
    ($(
        $(#[doc = $section_doc:literal])*
        $section:ident: $Section:ident {
            $( $key:ident [$($placeholder:ident),*] ),* $(,)?
        }
    )*) => {
        /// Every reader-facing word of a pack, by section.
        #[derive(Debug, Clone, Deserialize, Serialize)]
        #[serde(deny_unknown_fields)]
        pub struct Wording {
            /// The reports' language as a BCP 47 tag, such as `en` or `es`.
            pub language: String,
            $( $(#[doc = $section_doc])* pub $section: $Section, )*
        }

        $(
            $(#[doc = $section_doc])*
            #[derive(Debug, Clone, Deserialize, Serialize)]
            #[serde(deny_unknown_fields)]
            pub struct $Section {
                $( pub $key: String, )*
            }
        )*

        impl Wording {
            /// Every entry with where it lives and the placeholders it may use.
            pub fn entries(&self) -> Vec<Entry<'_>> {
                vec![$($(
                    Entry {
                        section: stringify!($section),
                        key: stringify!($key),
                        text: &self.$section.$key,
                        placeholders: &[$(stringify!($placeholder)),*],
                    },
                )*)*]
            }
        }
    };
}

wording! {
    /// Numbers, units and the small words that join lists.
    units: Units {
        days_one [count], days_other [count],
        months_one [count], months_other [count],
        years_one [count], years_other [count],
        facts_one [count], facts_other [count],
        assumptions_one [count], assumptions_other [count],
        initiatives_one [count], initiatives_other [count],
        claims_one [count], claims_other [count],
        records_one [count], records_other [count],
        versions_one [count], versions_other [count],
        percent [value], under_one_percent [], decimal_point [],
        or [], and [], yes [], no [],
        fact_number [number], assumption_number [number],
    }
    /// A diagnosis report, in every format.
    report: Report {
        title [], this_initiative [], playbook [], horizon [], knowledge [], borderline [],
        question [], answer [], side [],
        knowledge_summary [percent, facts, assumptions],
        borderline_yes [reason], borderline_no [],
        borderline_horizon [band, threshold],
        borderline_knowledge [], borderline_both [],
        borderline_explained [reason],
        what_would_change [], warnings [], playbook_today [],
        fits [playbook], does_not_fit [playbook, cost],
        claims [], claim [], held_as [], evidence [], weight [], scored_as [],
        fact [], assumption [], fact_unrecorded [],
        downgraded [evidence, evidence_name], no_evidence [],
        footer [pack],
    }
    /// The headings of a playbook's card.
    card: Card {
        diagnosis [], guiding_policy [], moves [], avoid [], diagnose_again [], questions [],
        bias [], misfit [], case [],
        id [], name [], quadrant [], summary [],
    }
    /// What would move the diagnosis to a neighbouring playbook.
    flips: Flips {
        heaviest_first [],
        prove_one [which, playbook],
        prove_other [count, which, playbook],
        watch_one [which, playbook],
        watch_other [count, which, playbook],
        fact_fails_one [which, playbook],
        fact_fails_other [count, which, playbook],
        slip_at_all [threshold, playbook],
        slip [threshold, margin, playbook],
        sooner [threshold, margin, playbook],
    }
    /// What running the declared playbook costs, and why it does not fit.
    mismatch: Mismatch {
        over_analysis [], premature_action [],
        acts_on_facts [playbook, percent],
        keeps_testing [playbook],
        demands_results [playbook, threshold],
        experiments_too_short [playbook, threshold],
        plans_long [playbook, threshold],
        scenarios_too_slow [playbook, threshold],
        weight_on_assumptions [percent],
        claims_are_assumptions [count, total],
        not_a_fact [reason, kinds, kind_names],
        weight_on_facts [percent],
        claims_are_facts [count, total],
        payoff_past [months, threshold],
        payoff_inside [months, threshold],
    }
    /// Warnings about the claims.
    warnings: Warnings {
        downgraded [claim, evidence, evidence_name],
        downgraded_other [count, claims, evidence, evidence_names],
        downgraded_brief [count],
        unrecorded_brief [count],
        unrecorded_one [claim, fact_kinds, fact_kind_ids],
        unrecorded_other [count, fact_kinds, fact_kind_ids],
        outside_view [horizon, typical, count, playbook],
    }
    /// How stable the diagnosis is, and which claim to test first.
    outlook: Outlook {
        heading [], share [playbook, percent], basis [runs], range [low, high],
        misfit [playbook, percent], fits_always [playbook],
        test_first [], test_line [claim, confidence, percent],
        test_short [], test_long [], planned [hypothesis, resolve_by],
        chart_key [],
    }
    /// The track record over past decision records.
    calibration: Calibration {
        title [], summary [initiatives, resolved, scored],
        brier [score], brier_meaning [], no_scores [],
        table [], stated [], claims [], held [], group [], score [],
        overall [], by_evidence [], by_owner [], by_playbook [],
        assumptions [], no_owner [],
        evidence_held [kind, held, total], evidence_heading [],
        hit_rates [], paid_off [playbook, paid, judged],
        took [months],
        diagram [], diagram_stated [], diagram_held [], perfect [],
    }
    /// The 2x2 drawn as a chart: the keys beneath it.
    chart: Chart {
        band_horizon [low, high],
        band_knowledge [low, high],
        compressed [months],
    }
    /// `calibrate check`.
    check: Check {
        pass [], fail [], note [], invalid [],
        fits [playbook, playbook_name],
        nothing_declared [playbook, playbook_name],
        mismatch [declared, reason, diagnosed, cost, declared_name, diagnosed_name],
        borderline [axes, flips],
        on_both [], on_horizon [], on_knowledge [],
        review_overdue [reviewed, every, due],
        unrecorded [claim, fact_kinds, fact_kind_ids],
        test_overdue [claim, resolve_by],
        tripwire_passed [state, date],
        closed_paid_off [], closed_not_paid_off [],
        summary [records, results],
        passed [count], failed_one [count], failed_other [count], invalid_count [count],
        skipped_one [files], skipped_other [count, files],
        heading [], record [], playbook [], finding [],
    }
    /// A workshop report.
    workshop: Workshop {
        title [initiative, count],
        verdict [verdict],
        aligned [], agreement_without_alignment [], split [],
        aligned_meaning [], agreement_without_alignment_meaning [], split_meaning [],
        where_each_placed [],
        chart_title [initiative],
        participant [], participant_numbered [number],
        payoff_in [], share_of_facts [],
        consensus [], consensus_medians [], consensus_note [], consensus_borderline [],
        how_split [],
        spread [shortest, longest],
        contested [], none_contested [],
        contested_claim [claim, id, facts, assumptions],
        who [facts, assumptions],
        sure [facts, assumptions], sure_unsaid [],
        grid [], agreed [],
        to_discuss [],
        prompt_claim [claim, facts, assumptions],
        prompt_horizon [short, threshold, long],
        prompt_experiment [],
    }
    /// A portfolio report.
    portfolio: Portfolio {
        title [initiatives], chart_title [initiatives],
        declared_otherwise [count],
        initiative [], initiatives [], horizon [], facts [], playbook [], declared [],
        mismatch [], borderline [],
        count_per_playbook [],
        mismatches [count], no_mismatches [], mismatch_summary [],
        mismatch_line [initiative, declared, diagnosed, declared_name, diagnosed_name],
        chart_limit [count],
        since [revision, count], none_moved [], moved_line [initiative, before, after],
    }
    /// `calibrate diff`: how records changed between two versions.
    diff: Diff {
        title [base, head], work_tree [],
        nothing [], summary [moved, changed, added, removed, unchanged],
        moved [initiative, before, after],
        same [initiative, playbook],
        added [initiative, playbook],
        removed [initiative, playbook],
        renamed [before, after],
        horizon [before, after], facts [before, after],
        claim_changed [claim, before, after], claim_added [claim, after], claim_removed [claim, before],
        new_mismatch [declared, diagnosed],
        fact [], fact_with [evidence], assumption [],
    }
    /// `calibrate history`: every committed version of one record.
    history: History {
        title [initiative, count], chart_title [initiative],
        number [], date [], commit [], author [], horizon [], facts [], playbook [], change [],
        unreadable [problem],
        path [],
    }
    /// The interviews on the terminal.
    interview: Interview {
        intro [], name [], name_optional [], other_length [], type_length [],
        first_claim [], next_claim [number], need_claim [],
        hypotheses [], status [], status_fact [], status_assumption [],
        evidence_hint [], evidence [], not_recorded [], downgraded [evidence],
        current [], not_sure [],
        group_initiative [], group_claims [], your_name [], mark_facts [], proven [],
        nobody_voted [], voted_so_far [count, names], pass_laptop [], who_next [],
        replace_vote [name], thanks [name],
        choose [], matters_most [], matters_most_label [],
        review [], review_prompt [], review_done [], review_done_record [],
        label_name [], label_claims [], label_current [],
        change_name [], change_horizon [], change_claim [], add_claim [], remove_claim [],
        change_weights [], change_current [], which_claim [], claim_text [],
        confidence [claim], confidence_unsure [],
        save_record [], file_name [], saved [file], not_saved [command], replace_file [file],
    }
    /// A workshop's discussion: why people read contested claims as they
    /// do, and how far a second round moved the group.
    discussion: Discussion {
        reason [name, held, why], reason_anonymous [held, why],
        held_sure [reading, confidence],
        confidence [], likely [percent],
        title_round [initiative, count, number], round [number],
        convergence [], verdicts [before, after], largest_group [before, after],
        of [count, total], contested [before, after],
        horizon_spread [before, after], knowledge_spread [before, after], range [low, high],
        moved [names], moved_anonymous [count], none_moved [],
        agreement [], round_one [], round_two [],
    }
    /// The live workshop's pages (`workshop serve`): each participant's
    /// vote, and the facilitator's.
    live: Live {
        vote_title [initiative], private [], your_name [], claims [], why [],
        send [], saved [name], closed [], round_two [], name_taken [name],
        problem_name [], problem_name_long [max], problem_horizon [], problem_why_long [max],
        problem_full [max], problem_expired [],
        facilitator_title [initiative], keep_private [], join_at [], voted [count],
        nobody_yet [], who_voted [], voting_open [], voting_closed [],
        close_and_reveal [], reopen [], start_round_two [], nobody_in_round [], refresh [],
        problem_name_hidden [], problem_reading [], problem_saving [], too_large [],
        not_found [], scan [url],
    }
}

/// One entry of the wording.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub section: &'static str,
    pub key: &'static str,
    pub text: &'a str,
    /// The placeholders calibrate fills in for this entry.
    pub placeholders: &'static [&'static str],
}

/// Fills `{name}` placeholders in `template` from `values`. Braces that do
/// not name a value are left as written. One pass over the template, however
/// many braces it has.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        // A placeholder's name runs to the first character no name has.
        let end = after
            .find(|c: char| !is_name_char(c))
            .unwrap_or(after.len());
        let value = after[end..]
            .starts_with('}')
            .then(|| values.iter().find(|(key, _)| *key == &after[..end]))
            .flatten();
        match value {
            Some((_, value)) => {
                out.push_str(value);
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'
}

/// The placeholders `template` uses, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                if !name.is_empty() && name.chars().all(is_name_char) {
                    found.push(name);
                }
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    found
}

impl Wording {
    /// Problems with the wording, at their places in the file: empty
    /// entries and placeholders calibrate does not supply.
    pub fn check(&self, at: &Locations, problems: &mut Collector) {
        if self.language.trim().is_empty() {
            problems.add(|| at.problem("language", "language is empty"));
        }
        for entry in self.entries() {
            let here = format!("{}.{}", entry.section, entry.key);
            let at = |message: String| at.problem(&here, message);
            if entry.text.trim().is_empty() && entry.key != "heaviest_first" {
                problems.add(|| at(format!("{}.{} is empty", entry.section, entry.key)));
            }
            if let Some(c) = entry.text.chars().find(|c| c.is_control()) {
                problems.add(|| at(format!(
                    "{}.{} holds a control character (U+{:04X}): wording is one line of plain text",
                    entry.section, entry.key, c as u32
                )));
            }
            for used in placeholders(entry.text) {
                if !entry.placeholders.contains(&used) {
                    let offered = match entry.placeholders {
                        [] => "it takes no placeholders".to_string(),
                        names => format!(
                            "use {}",
                            names
                                .iter()
                                .map(|n| format!("{{{n}}}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    };
                    problems.add(|| {
                        at(format!(
                            "{}.{}: calibrate does not fill {{{used}}}: {offered}",
                            entry.section, entry.key
                        ))
                    });
                }
            }
        }
    }

    /// A length given in months, in the words a reader would use: days
    /// under a month ("10 days"), months under two years ("18 months",
    /// "2.5 months"), years from two years on ("2 years", "40 years").
    pub fn months(&self, months: f64) -> String {
        const MONTHS_PER_DAY: f64 = 12.0 / 365.25;
        let units = &self.units;
        let (count, one, other) = if months < 1.0 {
            let days = (months / MONTHS_PER_DAY).round().max(1.0);
            (days, &units.days_one, &units.days_other)
        } else if months < 24.0 {
            (months, &units.months_one, &units.months_other)
        } else {
            (months / 12.0, &units.years_one, &units.years_other)
        };
        let rounded = (count * 10.0).round() / 10.0;
        let number = if rounded.fract() == 0.0 {
            format!("{rounded:.0}")
        } else {
            format!("{rounded:.1}").replace('.', &units.decimal_point)
        };
        let template = if rounded == 1.0 { one } else { other };
        fill(template, &[("count", &number)])
    }

    /// A share from 0 to 1 as a whole percentage: "30%".
    pub fn percent(&self, share: f64) -> String {
        let value = format!("{:.0}", share * 100.0);
        fill(&self.units.percent, &[("value", &value)])
    }

    /// A share of outcomes as a percentage, where a share too small to show
    /// as 1% is "under 1%", not "0%" (which would read as impossible).
    pub fn share(&self, share: f64) -> String {
        if share > 0.0 && share < 0.005 {
            self.units.under_one_percent.clone()
        } else {
            self.percent(share)
        }
    }

    /// `n` with the singular or plural template: "1 fact", "3 facts".
    pub fn count(&self, n: usize, one: &str, other: &str) -> String {
        let template = if n == 1 { one } else { other };
        fill(template, &[("count", &n.to_string())])
    }

    /// "a", "a or b", "a, b or c".
    pub fn either(&self, items: &[&str]) -> String {
        join(items, &self.units.or)
    }

    /// "a", "a and b", "a, b and c".
    pub fn both(&self, items: &[&str]) -> String {
        join(items, &self.units.and)
    }

    /// "yes" or "no".
    pub fn yes_no(&self, yes: bool) -> &str {
        if yes { &self.units.yes } else { &self.units.no }
    }
}

fn join(items: &[&str], last: &str) -> String {
    match items {
        [] => String::new(),
        [only] => only.to_string(),
        [init @ .., tail] => format!("{} {last} {tail}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_named_placeholders_and_keeps_other_braces() {
        assert_eq!(
            fill(
                "{count} of {total} {x} {",
                &[("count", "3"), ("total", "5")]
            ),
            "3 of 5 {x} {"
        );
        assert_eq!(fill("{{count}}{count", &[("count", "3")]), "{3}{count");
    }

    #[test]
    fn fill_takes_one_pass_over_many_braces() {
        let template = "{".repeat(900_000);
        assert_eq!(fill(&template, &[("count", "3")]), template);
        let names = "{count ".repeat(100_000);
        assert_eq!(fill(&names, &[("count", "3")]), names);
    }

    #[test]
    fn placeholders_are_found_in_order() {
        assert_eq!(
            placeholders("if {count} of {which}, {playbook} {}"),
            ["count", "which", "playbook"]
        );
    }

    #[test]
    fn lists_join_with_the_last_word() {
        assert_eq!(join(&["a"], "or"), "a");
        assert_eq!(join(&["a", "b"], "or"), "a or b");
        assert_eq!(join(&["a", "b", "c"], "and"), "a, b and c");
    }
}
