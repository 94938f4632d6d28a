//! How stable a diagnosis is: the plan played out many times.
//!
//! Each run settles every claim: it holds with the probability the user gave
//! (its `confidence`), and a claim that holds counts as a fact, as it would
//! once a test showed it. A claim with no confidence keeps the reading it
//! has today in every run. A horizon given as a 90% range (`9m..18m`) is
//! drawn from the log-normal spread whose 5th and 95th percentiles are its
//! ends. Each run lands in one quadrant; the share of runs in each is how
//! likely each playbook is to be the right one once the claims are known.
//!
//! Pure: no I/O, and the same seed always gives the same runs.

use crate::framework::{Framework, HorizonSide, KnowledgeSide, Quadrant};

/// How many runs a diagnosis simulates: the shares it reports are then
/// within about one percentage point of the exact ones (two standard errors
/// of a share near one half).
pub const RUNS: u32 = 10_000;

/// The seed every diagnosis uses, so a report is the same each time.
pub const SEED: u64 = 0x00ca_11b7_a7e5_eed5;

/// The 95th percentile of the standard normal distribution: a 90% range
/// spans this many standard deviations either side of its middle.
const Z_95: f64 = 1.644_853_626_951_472_2;

/// One claim as the simulation sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Uncertain {
    /// Its weight in the knowledge score.
    pub weight: f64,
    /// The probability that it counts as a fact in a run.
    pub holds: f64,
}

/// What the simulation needs of a plan.
#[derive(Debug, Clone, Copy)]
pub struct Plan<'c> {
    /// The horizon in months, used when there is no range.
    pub months: f64,
    /// A 90% range of horizons in months.
    pub range: Option<(f64, f64)>,
    pub claims: &'c [Uncertain],
    /// The quadrant of the playbook the team runs today, if it said.
    pub declared: Option<Quadrant>,
}

/// The plan played out: where the runs landed, and what is worth learning.
#[derive(Debug, Clone, PartialEq)]
pub struct Outlook {
    pub runs: u32,
    /// The share of runs in each quadrant, in the order of [`Quadrant::ALL`].
    pub shares: [f64; 4],
    /// The share of runs where the playbook the team runs today does not fit.
    pub misfit: Option<f64>,
    /// Every claim whose truth would move runs to another playbook, most
    /// valuable first (ties in the order given).
    pub tests: Vec<Learning>,
}

impl Outlook {
    /// The share of runs in `quadrant`.
    pub fn share(&self, quadrant: Quadrant) -> f64 {
        self.shares[quadrant.index()]
    }
}

/// What learning whether one claim holds is worth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Learning {
    /// The claim's place in the plan.
    pub claim: usize,
    /// The expected share of runs whose playbook would change once the
    /// claim's truth is known: `2 q (1 - q) · TV(held, failed)`, where `q`
    /// is the chance that it holds and TV the total-variation distance
    /// between the playbook shares when it holds and when it fails.
    pub value: f64,
}

/// Plays `plan` out `runs` times from `seed`.
pub fn simulate(framework: &Framework, plan: Plan, runs: u32, seed: u64) -> Outlook {
    let total: f64 = plan.claims.iter().map(|c| c.weight).sum();
    // Claims that always or never hold add the same to every run.
    let certain: f64 = plan
        .claims
        .iter()
        .filter(|c| c.holds >= 1.0)
        .map(|c| c.weight)
        .sum();
    // The claims that may go either way, as columns so the loops below
    // run straight through memory.
    let open: Vec<usize> = (0..plan.claims.len())
        .filter(|&i| plan.claims[i].holds > 0.0 && plan.claims[i].holds < 1.0)
        .collect();
    let weights: Vec<f64> = open.iter().map(|&i| plan.claims[i].weight).collect();
    let below: Vec<u64> = open
        .iter()
        .map(|&i| threshold(plan.claims[i].holds))
        .collect();
    let mut rng = SplitMix64(seed);
    // A run is on the facts side when its facts outweigh this: the share of
    // facts strictly above the pack's threshold, in units of weight.
    let cut = framework.knowledge.threshold * total;
    let horizon_of = |months: f64| usize::from(framework.horizon_side(months) == HorizonSide::Long);
    // Runs per horizon side, and per side those on the facts side.
    let mut on_side = [0u32; 2];
    let mut facts_on_side = [0u32; 2];
    // Per horizon side and open claim: runs on the facts side were the
    // claim to hold, and were it to fail.
    let mut if_held = [vec![0u32; open.len()], vec![0u32; open.len()]];
    let mut if_failed = [vec![0u32; open.len()], vec![0u32; open.len()]];
    // 1.0 where the claim holds in this run: kept as a number so the
    // tallies below need no branch.
    let mut held = vec![0.0f64; open.len()];
    for _ in 0..runs {
        let side = match plan.range {
            Some(range) => horizon_of(draw_horizon(&mut rng, range)),
            None => horizon_of(plan.months),
        };
        let mut facts = certain;
        for ((held, &below), &weight) in held.iter_mut().zip(&below).zip(&weights) {
            *held = f64::from(u8::from(rng.next_u64() < below));
            facts += weight * *held;
        }
        on_side[side] += 1;
        facts_on_side[side] += u32::from(facts > cut);
        let (with, without) = (&mut if_held[side], &mut if_failed[side]);
        for (((with, without), &held), &weight) in with
            .iter_mut()
            .zip(without.iter_mut())
            .zip(&held)
            .zip(&weights)
        {
            let mine = weight * held;
            *with += u32::from(facts - mine + weight > cut);
            *without += u32::from(facts - mine > cut);
        }
    }
    // Shares per quadrant from runs on the facts side per horizon side.
    let share = |facts: [u32; 2]| {
        let mut shares = [0.0; 4];
        for (side, horizon) in [HorizonSide::Short, HorizonSide::Long]
            .into_iter()
            .enumerate()
        {
            let n = f64::from(runs.max(1));
            shares[index(horizon, KnowledgeSide::Facts)] = f64::from(facts[side]) / n;
            shares[index(horizon, KnowledgeSide::Assumptions)] =
                f64::from(on_side[side] - facts[side]) / n;
        }
        shares
    };
    let landed = facts_on_side;
    let mut tests: Vec<Learning> = open
        .iter()
        .enumerate()
        .map(|(k, &claim)| {
            let q = plan.claims[claim].holds;
            let (a, b) = (
                share([if_held[0][k], if_held[1][k]]),
                share([if_failed[0][k], if_failed[1][k]]),
            );
            let distance: f64 = a.iter().zip(&b).map(|(x, y)| (x - y).abs()).sum::<f64>() / 2.0;
            Learning {
                claim,
                value: 2.0 * q * (1.0 - q) * distance,
            }
        })
        .filter(|l| l.value > 0.0)
        .collect();
    tests.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.claim.cmp(&b.claim)));
    let shares = share(landed);
    Outlook {
        runs,
        shares,
        misfit: plan.declared.map(|q| 1.0 - shares[q.index()]),
        tests,
    }
}

/// The quadrant's place in [`Quadrant::ALL`].
fn index(horizon: HorizonSide, knowledge: KnowledgeSide) -> usize {
    Quadrant::new(horizon, knowledge).index()
}

/// The draw below which a claim holds: `p` of the range of a `u64`.
fn threshold(p: f64) -> u64 {
    // 2^64 as a float; the product is below it for p < 1.
    (p * 18_446_744_073_709_551_616.0) as u64
}

/// A horizon drawn from the log-normal spread with `low` and `high` as its
/// 5th and 95th percentiles.
fn draw_horizon(rng: &mut SplitMix64, (low, high): (f64, f64)) -> f64 {
    let middle = (low.ln() + high.ln()) / 2.0;
    let spread = (high.ln() - low.ln()) / (2.0 * Z_95);
    (middle + spread * rng.normal()).exp()
}

/// SplitMix64 (Steele, Lea and Flood, 2014; the generator `java.util.SplittableRandom`
/// uses): a 64-bit state stepped by a constant and mixed. Small, fast and
/// fully determined by its seed, which is all a reproducible simulation
/// needs; it is not for secrets.
#[derive(Debug, Clone)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in (0, 1): never 0, so its logarithm is finite.
    fn unit(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// A standard normal draw (Box-Muller).
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.unit(), self.unit());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_matches_its_published_sequence() {
        // The first outputs for seed 0 (Vigna's reference implementation).
        let mut rng = SplitMix64(0);
        assert_eq!(rng.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(rng.next_u64(), 0x6e78_9e6a_a1b9_65f4);
    }

    #[test]
    fn normal_draws_have_mean_zero_and_unit_spread() {
        let mut rng = SplitMix64(7);
        let draws: Vec<f64> = (0..100_000).map(|_| rng.normal()).collect();
        let mean = draws.iter().sum::<f64>() / draws.len() as f64;
        let var = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / draws.len() as f64;
        assert!(mean.abs() < 0.01, "{mean}");
        assert!((var - 1.0).abs() < 0.02, "{var}");
    }
}
