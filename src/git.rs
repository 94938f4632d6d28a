//! Decision records as git holds them, read in process with gitoxide: the
//! records of a commit or of the work tree, and every committed version of
//! one record, following renames. At the edge, like `files`: everything read
//! here goes through the same size and UTF-8 checks as a file on disk.

use crate::files;
use crate::limits::Kind;
use crate::problem::Problem;
use anyhow::{Result, anyhow, bail};
use gix::ObjectId;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// A repository with a work tree, opened from the current folder.
pub struct Repo {
    repo: gix::Repository,
    /// The work tree's top folder.
    root: PathBuf,
    /// The current folder, which paths on the command line are relative to.
    cwd: PathBuf,
}

/// A commit named on the command line, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// As it was named: `main`, `HEAD~2`, `v1.0`.
    pub name: String,
    pub id: ObjectId,
    /// The abbreviated id, as git shows it.
    pub short: String,
    /// Whether this is where the branch `name` and HEAD part (the default base).
    pub merge_base: bool,
}

/// Where records are read from: a commit, or the files in the work tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side {
    Commit(Revision),
    WorkTree,
}

/// A record file at one side, by its path from the top of the repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// With `/` between folders, whatever the platform.
    pub path: String,
    /// Named on the command line, rather than found by searching a folder.
    pub named: bool,
    /// The blob, for a commit's file; `None` in the work tree.
    blob: Option<ObjectId>,
}

impl Found {
    /// Whether two files hold the same bytes, when git can tell without reading them.
    pub fn same_blob(&self, other: &Found) -> bool {
        self.blob.is_some() && self.blob == other.blob
    }
}

/// One committed version of a record.
#[derive(Debug, Clone)]
pub struct Version {
    pub commit: ObjectId,
    pub short: String,
    /// The record's path in that commit (it may have been renamed since).
    pub path: String,
    /// The author's name, as committed (any text at all).
    pub author: String,
    /// The author's date, in the author's own time zone.
    pub date: jiff::civil::Date,
    /// The commit message's first line (any text at all).
    pub summary: String,
    /// The record's text then, or why it could not be read.
    pub text: Result<String, Problem>,
}

/// The advice for a shallow clone, after saying what it prevents.
const UNSHALLOW: &str = "fetch the whole history with `git fetch --unshallow` (on GitHub Actions, actions/checkout with fetch-depth: 0)";

impl Repo {
    /// The repository the current folder is in; `command` names what needs it.
    pub fn open(command: &str) -> Result<Repo> {
        let cwd = std::env::current_dir()
            .and_then(|dir| dir.canonicalize())
            .map_err(|err| anyhow!("cannot read the current folder: {err}"))?;
        let repo = gix::discover(&cwd).map_err(|_| {
            anyhow!(
                "{} is not in a git repository: run calibrate {command} inside the repository that holds the records",
                cwd.display()
            )
        })?;
        let Some(root) = repo.workdir() else {
            bail!(
                "{} is a bare repository, with no work tree: run calibrate {command} in a clone with its files",
                repo.git_dir().display()
            );
        };
        let root = root
            .canonicalize()
            .map_err(|err| anyhow!("cannot read {}: {err}", root.display()))?;
        Ok(Repo { repo, root, cwd })
    }

    /// Whether the clone lacks older history.
    pub fn is_shallow(&self) -> bool {
        self.repo.is_shallow().unwrap_or(false)
    }

    /// Refuses a shallow clone for work that needs the whole history.
    pub fn require_history(&self, what: &str) -> Result<()> {
        if self.is_shallow() {
            bail!("this repository is a shallow clone, so {what}: {UNSHALLOW}");
        }
        Ok(())
    }

    /// The commit `spec` names (`main`, `HEAD~2`, a tag, an id).
    pub fn revision(&self, spec: &str) -> Result<Revision> {
        let unknown = || {
            let mut message = format!(
                "'{spec}' is not a revision in this repository: name a branch, a tag or a commit (`git log --oneline` lists commits)"
            );
            if self.is_shallow() {
                message.push_str(&format!(
                    "; this is a shallow clone, so older commits are missing: {UNSHALLOW}"
                ));
            }
            anyhow!(message)
        };
        if spec.is_empty() || spec.starts_with('-') {
            return Err(unknown());
        }
        let id = self.repo.rev_parse_single(spec).map_err(|_| unknown())?;
        let commit = id
            .object()
            .and_then(|object| object.peel_to_commit())
            .map_err(|_| anyhow!("'{spec}' names a file or folder object, not a commit: name a branch, a tag or a commit"))?;
        Ok(self.named(spec, commit.id, false))
    }

    /// Whether `spec` names a commit here.
    pub fn is_revision(&self, spec: &str) -> bool {
        self.revision(spec).is_ok()
    }

    fn named(&self, name: &str, id: ObjectId, merge_base: bool) -> Revision {
        let hex = id.to_hex().to_string();
        Revision {
            name: name.to_string(),
            id,
            short: hex[..7.min(hex.len())].to_string(),
            merge_base,
        }
    }

    /// Where HEAD left the default branch: the branch a pull request targets
    /// on GitHub Actions (`GITHUB_BASE_REF`), else `origin/HEAD`, `main` or
    /// `master`.
    pub fn default_base(&self) -> Result<Revision> {
        self.require_history("the point where this branch left the default branch cannot be found; name the base revision (calibrate diff BASE) or")?;
        let head = self
            .repo
            .head_id()
            .map_err(|_| anyhow!("the repository has no commits yet: commit the records first"))?
            .detach();
        let mut candidates = Vec::new();
        if let Some(base) = std::env::var("GITHUB_BASE_REF")
            .ok()
            .filter(|b| !b.is_empty())
        {
            candidates.push(format!("origin/{base}"));
            candidates.push(base);
        }
        candidates.extend(
            [
                "origin/HEAD",
                "main",
                "master",
                "origin/main",
                "origin/master",
            ]
            .map(String::from),
        );
        let Some((branch, tip)) = candidates.iter().find_map(|name| {
            let id = self.repo.rev_parse_single(name.as_str()).ok()?;
            let commit = id.object().ok()?.peel_to_commit().ok()?;
            Some((name.clone(), commit.id))
        }) else {
            bail!(
                "cannot tell which branch is the default one (no main, master or origin/HEAD): name the base revision, as in calibrate diff BASE"
            );
        };
        let base = self
            .repo
            .merge_base(tip, head)
            .map_err(|err| anyhow!("cannot find where HEAD left {branch}: {err}"))?
            .ok_or_else(|| {
                anyhow!("HEAD and {branch} share no history: name the base revision, as in calibrate diff BASE")
            })?;
        Ok(self.named(&branch, base.detach(), true))
    }

    /// A path from the command line as a path from the top of the work
    /// tree, with `/` between folders ("" for the top itself).
    pub fn relative(&self, path: &Path) -> Result<String> {
        let mut absolute = if path.is_absolute() {
            PathBuf::new()
        } else {
            self.cwd.clone()
        };
        for part in path.components() {
            match part {
                Component::ParentDir => {
                    absolute.pop();
                }
                Component::CurDir => {}
                other => absolute.push(other),
            }
        }
        let inside = absolute.strip_prefix(&self.root).map_err(|_| {
            anyhow!(
                "{}: is outside the repository at {}; name records inside it",
                path.display(),
                self.root.display()
            )
        })?;
        let parts: Vec<String> = inside
            .components()
            .map(|part| part.as_os_str().to_string_lossy().into_owned())
            .collect();
        Ok(parts.join("/"))
    }

    /// The records at `side` under `paths` (from the top; "" is all of it):
    /// each path named, and every `.yaml` or `.yml` file under a folder named,
    /// hidden folders left out. In the work tree, the files git tracks (as
    /// `git diff` compares them), read from disk.
    pub fn records(&self, side: &Side, paths: &[String]) -> Result<Vec<Found>> {
        let files: Vec<(String, Option<ObjectId>)> = match side {
            Side::Commit(revision) => self.tree_files(revision.id)?,
            Side::WorkTree => {
                let index = self
                    .repo
                    .index_or_empty()
                    .map_err(|err| anyhow!("cannot read git's index: {err}"))?;
                index
                    .entries()
                    .iter()
                    .filter(|entry| !entry.mode.is_submodule() && !entry.mode.is_sparse())
                    .map(|entry| (entry.path(&index).to_string(), None))
                    .collect()
            }
        };
        let mut found: Vec<Found> = files
            .into_iter()
            .filter_map(|(path, blob)| {
                let named = paths.contains(&path);
                let searched = paths.iter().any(|p| {
                    let under = if p.is_empty() {
                        Some(path.as_str())
                    } else {
                        path.strip_prefix(p.as_str())
                            .and_then(|rest| rest.strip_prefix('/'))
                    };
                    under.is_some_and(|rest| {
                        files::is_yaml(Path::new(rest)) && !files::in_hidden_folder(rest)
                    })
                });
                (named || searched).then_some(Found { path, named, blob })
            })
            .collect();
        found.sort_by(|a, b| a.path.cmp(&b.path));
        found.dedup_by(|a, b| a.path == b.path);
        Ok(found)
    }

    /// Every file in a commit's tree with its blob.
    fn tree_files(&self, commit: ObjectId) -> Result<Vec<(String, Option<ObjectId>)>> {
        let tree = self.tree(commit)?;
        let entries = tree
            .traverse()
            .breadthfirst
            .files()
            .map_err(|err| anyhow!("cannot read the files of commit {commit}: {err}"))?;
        Ok(entries
            .into_iter()
            .filter(|entry| entry.mode.is_blob())
            .map(|entry| (entry.filepath.to_string(), Some(entry.oid)))
            .collect())
    }

    fn tree(&self, commit: ObjectId) -> Result<gix::Tree<'_>> {
        self.repo
            .find_commit(commit)
            .and_then(|commit| commit.tree())
            .map_err(|err| anyhow!("cannot read commit {commit}: {err}"))
    }

    /// How a file at `side` is named in messages: `main:strategy/a.yaml`, as
    /// `git show` takes it, or its path in the work tree.
    pub fn shown(side: &Side, path: &str) -> String {
        match side {
            Side::Commit(revision) => format!("{}:{path}", revision.name),
            Side::WorkTree => path.to_string(),
        }
    }

    /// A record's text at `side`; `None` when the file has gone from the work
    /// tree since it was added to git's index.
    pub fn read(&self, side: &Side, found: &Found) -> Option<Result<String, Problem>> {
        let shown = Repo::shown(side, &found.path);
        match found.blob {
            Some(blob) => Some(self.blob_text(&shown, blob)),
            None => {
                let path = self.root.join(&found.path);
                if !path.exists() && path.symlink_metadata().is_err() {
                    return None;
                }
                Some(
                    files::read(&path, Kind::Record)
                        .map(|input| input.text)
                        .map_err(|problem| Problem {
                            path: shown,
                            ..problem
                        }),
                )
            }
        }
    }

    fn blob_text(&self, shown: &str, blob: ObjectId) -> Result<String, Problem> {
        let bytes = self
            .repo
            .find_blob(blob)
            .map_err(|err| Problem::in_file(shown, format!("cannot read it from git: {err}")))?
            .take_data();
        files::text(shown, bytes, Kind::Record)
    }

    /// Every committed version of the record at `path` (from the top), oldest
    /// first: each commit reachable from HEAD whose copy of the record
    /// differs from every parent's, following the record back through
    /// renames (a file gone in the parent with the same or mostly the same
    /// lines, as git counts a rename).
    pub fn versions(&self, path: &str) -> Result<Vec<Version>> {
        self.require_history("not every version of the record can be seen")?;
        let head = self
            .repo
            .head_id()
            .map_err(|_| anyhow!("the repository has no commits yet: commit the record first"))?
            .detach();
        if self.blob_at(head, path)?.is_none() {
            bail!(
                "{path}: has no committed version: commit it first (calibrate history reads the versions git holds)"
            );
        }
        let mut tracked: HashMap<ObjectId, String> = HashMap::from([(head, path.to_string())]);
        let mut versions = Vec::new();
        for commit in self.newest_first(head)? {
            let Some(path) = tracked.get(&commit.id).cloned() else {
                continue;
            };
            let Some(blob) = self.blob_at(commit.id, &path)? else {
                continue;
            };
            let mut changed = true;
            for parent in &commit.parents {
                let before = match self.blob_at(*parent, &path)? {
                    Some(same_path) => Some((path.clone(), same_path)),
                    None => self.renamed_from(*parent, commit.id, blob)?,
                };
                if let Some((old_path, old_blob)) = before {
                    changed &= old_blob != blob;
                    tracked.entry(*parent).or_insert(old_path);
                }
            }
            if changed {
                versions.push(self.version(commit.id, &path, blob)?);
            }
        }
        versions.reverse();
        Ok(versions)
    }

    fn version(&self, id: ObjectId, path: &str, blob: ObjectId) -> Result<Version> {
        let commit = self
            .repo
            .find_commit(id)
            .map_err(|err| anyhow!("cannot read commit {id}: {err}"))?;
        let author = commit
            .author()
            .map_err(|err| anyhow!("cannot read commit {id}: {err}"))?;
        let time = author.time().unwrap_or_default();
        let offset = jiff::tz::Offset::from_seconds(time.offset).unwrap_or(jiff::tz::Offset::UTC);
        let date = jiff::Timestamp::from_second(time.seconds)
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
            .to_zoned(offset.to_time_zone())
            .date();
        let name = author.name.to_string();
        let message = commit
            .message_raw()
            .map(|m| m.to_string())
            .unwrap_or_default();
        let summary = message.lines().next().unwrap_or_default().to_string();
        let revision = self.named(&id.to_hex().to_string(), id, false);
        let shown = format!("{}:{path}", revision.short);
        Ok(Version {
            commit: id,
            short: revision.short,
            path: path.to_string(),
            author: name,
            date,
            summary,
            text: self.blob_text(&shown, blob),
        })
    }

    /// The blob at `path` in a commit, if there is one.
    fn blob_at(&self, commit: ObjectId, path: &str) -> Result<Option<ObjectId>> {
        let tree = self.tree(commit)?;
        let entry = tree
            .lookup_entry_by_path(path)
            .map_err(|err| anyhow!("cannot read commit {commit}: {err}"))?;
        Ok(entry.filter(|e| e.mode().is_blob()).map(|e| e.object_id()))
    }

    /// Where the record `blob` in `child` came from in `parent`, when it was
    /// renamed there: a YAML file of the parent's that the child no longer
    /// has, holding the same bytes, or else at least half the same lines.
    fn renamed_from(
        &self,
        parent: ObjectId,
        child: ObjectId,
        blob: ObjectId,
    ) -> Result<Option<(String, ObjectId)>> {
        let in_child: HashSet<String> = self
            .tree_files(child)?
            .into_iter()
            .map(|(path, _)| path)
            .collect();
        let gone: Vec<(String, ObjectId)> = self
            .tree_files(parent)?
            .into_iter()
            .filter(|(path, _)| !in_child.contains(path) && files::is_yaml(Path::new(path)))
            .filter_map(|(path, id)| id.map(|id| (path, id)))
            .collect();
        if let Some(same) = gone.iter().find(|(_, id)| *id == blob) {
            return Ok(Some(same.clone()));
        }
        let Ok(text) = self.blob_text("", blob) else {
            return Ok(None);
        };
        let best = gone
            .into_iter()
            .filter_map(|(path, id)| {
                let old = self.blob_text("", id).ok()?;
                Some((similarity(&old, &text), path, id))
            })
            .filter(|(score, ..)| *score >= 0.5)
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(&a.1)));
        Ok(best.map(|(_, path, id)| (path, id)))
    }

    /// Every commit reachable from `head`, each before its parents, newer
    /// commits first where the graph leaves a choice.
    fn newest_first(&self, head: ObjectId) -> Result<Vec<Node>> {
        let mut nodes: HashMap<ObjectId, Node> = HashMap::new();
        let mut children: HashMap<ObjectId, usize> = HashMap::new();
        let mut stack = vec![head];
        while let Some(id) = stack.pop() {
            if nodes.contains_key(&id) {
                continue;
            }
            let commit = self
                .repo
                .find_commit(id)
                .map_err(|err| anyhow!("cannot read commit {id}: {err}"))?;
            let parents: Vec<ObjectId> = commit.parent_ids().map(|p| p.detach()).collect();
            let time = commit.time().map(|t| t.seconds).unwrap_or_default();
            for parent in &parents {
                *children.entry(*parent).or_default() += 1;
                stack.push(*parent);
            }
            nodes.insert(id, Node { id, parents, time });
        }
        let mut ready = BinaryHeap::from([(nodes[&head].time, head)]);
        let mut order = Vec::with_capacity(nodes.len());
        while let Some((_, id)) = ready.pop() {
            let node = nodes.remove(&id).expect("each commit is ready once");
            for parent in &node.parents {
                let left = children.get_mut(parent).expect("counted above");
                *left -= 1;
                if *left == 0 {
                    ready.push((nodes[parent].time, *parent));
                }
            }
            order.push(node);
        }
        Ok(order)
    }
}

/// A commit in the walk.
struct Node {
    id: ObjectId,
    parents: Vec<ObjectId>,
    time: i64,
}

/// How alike two texts are, 0 to 1: the lines they share, counted as git
/// counts a rename's similarity.
fn similarity(a: &str, b: &str) -> f64 {
    let mut left: HashMap<&str, usize> = HashMap::new();
    for line in a.lines() {
        *left.entry(line).or_default() += 1;
    }
    let mut shared = 0;
    for line in b.lines() {
        if let Some(n) = left.get_mut(line).filter(|n| **n > 0) {
            *n -= 1;
            shared += 1;
        }
    }
    let total = a.lines().count().max(b.lines().count());
    if total == 0 {
        return 1.0;
    }
    shared as f64 / total as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_counts_shared_lines() {
        assert_eq!(similarity("a\nb\nc\nd", "a\nb\nc\nx"), 0.75);
        assert_eq!(similarity("a\nb", "c\nd"), 0.0);
    }
}
