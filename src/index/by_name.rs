//! Facts of one kind by name, with every name's facts in one flat list.
//!
//! A map from each name to a vector of its own costs a vector header and the vector's unused room per name, and
//! a solution has tens of thousands of names (efcore: 14 MB of the index at the peak of a run). Counting first
//! and placing second gives every name a span of one list, exact in size, in the order the facts were given.

use crate::hash::Map;

pub(super) struct ByName<'f, T> {
    /// Each name's span of `flat`: start and length.
    spans: Map<&'f str, (u32, u32)>,
    flat: Vec<T>,
}

impl<'f, T: Copy> ByName<'f, T> {
    /// The table of the facts `each` gives: it is called twice and must give the same facts in the same order
    /// both times (once to count them by name, once to place them).
    pub(super) fn build(mut each: impl FnMut(&mut dyn FnMut(&'f str, T))) -> ByName<'f, T> {
        let mut spans: Map<&'f str, (u32, u32)> = Map::default();
        let mut first: Option<T> = None;
        each(&mut |name, fact| {
            spans.entry(name).or_insert((0, 0)).1 += 1;
            first.get_or_insert(fact);
        });
        let Some(first) = first else { return ByName { spans, flat: Vec::new() } };
        // Starts in any order: each name's facts stay together and in order, wherever its span lies.
        let mut total = 0;
        for (start, count) in spans.values_mut() {
            *start = total;
            total += *count;
            // Counted again while placing.
            *count = 0;
        }
        let mut flat = vec![first; total as usize];
        each(&mut |name, fact| {
            let (start, count) = spans.get_mut(name).expect("every name was counted");
            flat[(*start + *count) as usize] = fact;
            *count += 1;
        });
        ByName { spans, flat }
    }

    /// The facts of `name`, in the order they were given.
    pub(super) fn get(&self, name: &str) -> &[T] {
        self.spans.get(name).map_or(&[], |&(start, count)| &self.flat[start as usize..(start + count) as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_name_keeps_its_facts_in_the_order_given() {
        let facts = [("Run", 1), ("Wait", 2), ("Run", 3), ("Get", 4), ("Run", 5), ("Wait", 6)];
        let table = ByName::build(|put| {
            for (name, fact) in facts {
                put(name, fact);
            }
        });
        assert_eq!(table.get("Run"), &[1, 3, 5]);
        assert_eq!(table.get("Wait"), &[2, 6]);
        assert_eq!(table.get("Get"), &[4]);
        assert!(table.get("Missing").is_empty());
    }

    #[test]
    fn no_facts_make_an_empty_table() {
        let table: ByName<u32> = ByName::build(|_| {});
        assert!(table.get("Run").is_empty());
    }
}
