//! An organisation's track record: how often the claims it held turned out
//! to hold, against the confidence it stated, and how often each playbook
//! paid off. Pure: the records come in already read and diagnosed.

/// One resolved claim from a past record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ResolvedClaim<'a> {
    /// The confidence stated before the outcome was known, if any.
    pub confidence: Option<f64>,
    /// Whether it held.
    pub held: bool,
    /// Its evidence kind if it was held as a fact with evidence; `None` for
    /// an assumption or a fact with no evidence recorded.
    pub evidence: Option<&'a str>,
    /// Whether it was held as a fact.
    pub fact: bool,
    /// Who answered for the record.
    pub owner: Option<&'a str>,
    /// The playbook the record was diagnosed in, before any outcome.
    pub playbook: &'a str,
}

/// One past initiative, as the track record needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct PastInitiative<'a> {
    /// The playbook it was diagnosed in, before any outcome.
    pub playbook: &'a str,
    /// Whether it paid off, once known.
    pub paid_off: Option<bool>,
    /// How long it took to pay off (or to be judged), in months.
    pub took_months: Option<f64>,
    pub claims: Vec<ResolvedClaim<'a>>,
}

/// The calibration of one set of claims.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Calibration {
    /// Resolved claims with a stated confidence.
    pub scored: usize,
    /// The mean squared gap between stated confidence and outcome (0 is
    /// perfect; always saying 50% scores 0.25). `None` with nothing scored.
    pub brier: Option<f64>,
    /// Stated confidence against how often claims held, in tenths.
    pub bins: Vec<Bin>,
    /// Resolved claims, with or without a confidence, and how many held.
    pub resolved: usize,
    pub held: usize,
}

/// Claims stated with confidences in one tenth (70% to 80%, ...).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Bin {
    /// The tenth: 0 for 0% up to 10%, ..., 9 for 90% to 100% (inclusive).
    pub tenth: usize,
    pub claims: usize,
    /// The mean confidence stated.
    pub stated: f64,
    /// The share that held.
    pub held: f64,
}

/// A calibration for one value of a grouping: an evidence kind, an owner
/// or a playbook.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Group<'a> {
    /// The evidence kind, owner or playbook id; `None` for claims without one.
    pub key: Option<&'a str>,
    pub calibration: Calibration,
}

/// How often initiatives diagnosed in one playbook paid off.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct HitRate<'a> {
    pub playbook: &'a str,
    /// Initiatives with a recorded outcome.
    pub judged: usize,
    pub paid_off: usize,
    /// The median time they took, in months, where recorded.
    pub median_took: Option<f64>,
}

/// The track record over every record given.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TrackRecord<'a> {
    pub initiatives: usize,
    pub overall: Calibration,
    /// Facts by evidence kind (key: the kind's id), then assumptions (key `None`).
    pub by_evidence: Vec<Group<'a>>,
    pub by_owner: Vec<Group<'a>>,
    pub by_playbook: Vec<Group<'a>>,
    pub hit_rates: Vec<HitRate<'a>>,
}

/// The track record of `past`. Groups follow `playbooks` and `kinds` (the
/// pack's order); owners are sorted by name, those without one last.
pub fn track_record<'a>(
    past: &[PastInitiative<'a>],
    playbooks: &[&'a str],
    kinds: &[&'a str],
) -> TrackRecord<'a> {
    let claims: Vec<ResolvedClaim> = past.iter().flat_map(|p| p.claims.iter().copied()).collect();
    let group = |key: Option<&'a str>, pick: &dyn Fn(&ResolvedClaim) -> bool| Group {
        key,
        calibration: calibrate(claims.iter().filter(|c| pick(c))),
    };
    let mut by_evidence: Vec<Group> = kinds
        .iter()
        .map(|&kind| group(Some(kind), &|c| c.fact && c.evidence == Some(kind)))
        .collect();
    by_evidence.push(group(None, &|c| !c.fact));
    by_evidence.retain(|g| g.calibration.resolved > 0);
    let mut owners: Vec<Option<&str>> = claims.iter().map(|c| c.owner).collect();
    owners.sort_by_key(|o| (o.is_none(), *o));
    owners.dedup();
    let by_owner = owners
        .into_iter()
        .map(|owner| group(owner, &|c| c.owner == owner))
        .collect();
    let mut by_playbook: Vec<Group> = playbooks
        .iter()
        .map(|&id| group(Some(id), &|c| c.playbook == id))
        .collect();
    by_playbook.retain(|g| g.calibration.resolved > 0);
    let hit_rates = playbooks
        .iter()
        .map(|&playbook| {
            let these: Vec<&PastInitiative> =
                past.iter().filter(|p| p.playbook == playbook).collect();
            let judged: Vec<bool> = these.iter().filter_map(|p| p.paid_off).collect();
            let took: Vec<f64> = these.iter().filter_map(|p| p.took_months).collect();
            HitRate {
                playbook,
                judged: judged.len(),
                paid_off: judged.iter().filter(|&&paid| paid).count(),
                median_took: median(took),
            }
        })
        .filter(|h| h.judged > 0 || h.median_took.is_some())
        .collect();
    TrackRecord {
        initiatives: past.len(),
        overall: calibrate(claims.iter()),
        by_evidence,
        by_owner,
        by_playbook,
        hit_rates,
    }
}

/// The Brier score and calibration table of some claims.
pub fn calibrate<'c, 'a: 'c>(claims: impl Iterator<Item = &'c ResolvedClaim<'a>>) -> Calibration {
    let mut sums = [(0usize, 0.0f64, 0usize); 10];
    let (mut scored, mut squared, mut resolved, mut held) = (0, 0.0, 0, 0);
    for claim in claims {
        resolved += 1;
        held += usize::from(claim.held);
        let Some(p) = claim.confidence else { continue };
        let outcome = if claim.held { 1.0 } else { 0.0 };
        scored += 1;
        squared += (p - outcome).powi(2);
        let tenth = ((p * 10.0).floor() as usize).min(9);
        let bin = &mut sums[tenth];
        bin.0 += 1;
        bin.1 += p;
        bin.2 += usize::from(claim.held);
    }
    let bins = sums
        .iter()
        .enumerate()
        .filter(|(_, (n, _, _))| *n > 0)
        .map(|(tenth, &(n, stated, held))| Bin {
            tenth,
            claims: n,
            stated: stated / n as f64,
            held: held as f64 / n as f64,
        })
        .collect();
    Calibration {
        scored,
        brier: (scored > 0).then(|| squared / scored as f64),
        bins,
        resolved,
        held,
    }
}

/// The middle value: the mean of the two middle ones for an even count.
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// The outside view: when most past initiatives diagnosed in the same
/// playbook took longer than `horizon` months to pay off, how long half of
/// them took at least (the median) and how many there were. It takes at
/// least three to speak of "most".
pub fn outside_view(past: &[PastInitiative], playbook: &str, horizon: f64) -> Option<(f64, usize)> {
    let took: Vec<f64> = past
        .iter()
        .filter(|p| p.playbook == playbook)
        .filter_map(|p| p.took_months)
        .collect();
    let longer = took.iter().filter(|&&t| t > horizon).count();
    (took.len() >= 3 && 2 * longer > took.len())
        .then(|| (median(took.clone()).unwrap_or(0.0), took.len()))
}
