//! Topics and topic wishes. In a big café one topic is often discussed at several tables at
//! once ("Wohnen" at tables 3 and 4): tables whose topics read the same (case, spaces,
//! punctuation and umlaut spellings aside, as [`match_key`] compares) are parallel copies of one
//! topic. The rule that a traveller never returns is a rule about topics: whoever discussed
//! "Wohnen" at table 3 does not sit at table 4 later. A table without a topic is a topic of its
//! own. Participants may wish for topics (first, second, third choice); a wish names a topic by
//! its title or a table by its number, as people write it in a registration list.

use std::collections::HashMap;

use crate::text::match_key;
use crate::{CafeTable, TableId};

/// One topic of a workshop and the tables it is discussed at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// Equal for tables of the same topic; the planner's topic id.
    pub key: String,
    /// The title as the first of its tables spells it.
    pub title: String,
    /// Its tables, in the order of the workshop's tables.
    pub tables: Vec<TableId>,
}

/// The topics of a workshop's tables.
#[derive(Debug, Clone, Default)]
pub struct Topics {
    list: Vec<Topic>,
    by_table: HashMap<TableId, usize>,
    by_number: HashMap<u32, usize>,
}

/// The topic key of a table: its folded topic, or, without a topic, one of its own.
pub fn topic_key(table: &CafeTable) -> String {
    let key = match_key(&table.input.topic);
    if key.is_empty() { format!("#{}", table.id) } else { key }
}

impl Topics {
    /// The topics of `tables`, in the order their first table appears.
    pub fn of(tables: &[CafeTable]) -> Self {
        let mut topics = Self::default();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        for table in tables {
            let key = topic_key(table);
            let index = *by_key.entry(key.clone()).or_insert_with(|| {
                topics.list.push(Topic { key, title: table.input.topic.trim().to_owned(), tables: Vec::new() });
                topics.list.len() - 1
            });
            topics.list[index].tables.push(table.id);
            topics.by_table.insert(table.id, index);
            topics.by_number.insert(table.input.number, index);
        }
        topics
    }

    /// Every topic.
    pub fn list(&self) -> &[Topic] {
        &self.list
    }

    /// The topic of a table.
    pub fn of_table(&self, table: TableId) -> Option<&Topic> {
        self.by_table.get(&table).map(|&i| &self.list[i])
    }

    /// Whether two tables discuss the same topic.
    pub fn same(&self, a: TableId, b: TableId) -> bool {
        match (self.by_table.get(&a), self.by_table.get(&b)) {
            (Some(x), Some(y)) => x == y,
            _ => a == b,
        }
    }

    /// The topic a wish names: a topic's title ("Wohnen", "wohnen ") or a table's number
    /// ("3", "Tisch 3", "Table 3", "T3"); `None` when it names neither.
    pub fn resolve(&self, wish: &str) -> Option<&Topic> {
        let key = match_key(wish);
        if key.is_empty() {
            return None;
        }
        if let Some(topic) = self.list.iter().find(|t| match_key(&t.title) == key) {
            return Some(topic);
        }
        let number = ["tisch", "table", "t", "nr", "no"]
            .iter()
            .find_map(|prefix| key.strip_prefix(prefix).filter(|rest| !rest.is_empty()))
            .unwrap_or(&key);
        number.parse::<u32>().ok().and_then(|n| self.by_number.get(&n)).map(|&i| &self.list[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{TableInput, WorkshopId};

    fn table(number: u32, topic: &str) -> CafeTable {
        CafeTable {
            id: TableId::new(),
            workshop_id: WorkshopId::new(),
            input: TableInput { number, topic: topic.to_owned(), capacity: 8, host_id: None, questions: Vec::new() },
        }
    }

    #[test]
    fn tables_that_read_the_same_are_one_topic_and_a_table_without_topic_is_its_own() {
        let tables = [
            table(1, "Wohnen"),
            table(2, "Kita"),
            table(3, " wohnen! "),
            table(4, ""),
            table(5, ""),
            table(6, "Küche"),
        ];
        let topics = Topics::of(&tables);
        let titles: Vec<&str> = topics.list().iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, ["Wohnen", "Kita", "", "", "Küche"]);
        assert_eq!(topics.list()[0].tables, [tables[0].id, tables[2].id]);
        assert!(topics.same(tables[0].id, tables[2].id));
        assert!(!topics.same(tables[0].id, tables[1].id));
        assert!(!topics.same(tables[3].id, tables[4].id), "two tables without a topic are two topics");
        assert_ne!(topic_key(&tables[3]), topic_key(&tables[4]));
    }

    #[test]
    fn a_wish_names_a_topic_by_title_or_a_table_by_number() {
        let tables = [table(1, "Wohnen"), table(2, "Übergang Kita – Schule"), table(3, "Wohnen"), table(12, "")];
        let topics = Topics::of(&tables);
        let title = |wish: &str| topics.resolve(wish).map(|t| t.tables[0]);
        assert_eq!(title("wohnen"), Some(tables[0].id));
        assert_eq!(title("Uebergang Kita - Schule"), Some(tables[1].id));
        assert_eq!(title("Tisch 3"), Some(tables[0].id), "table 3 discusses Wohnen");
        assert_eq!(title("T12"), Some(tables[3].id));
        assert_eq!(title("table 2"), Some(tables[1].id));
        assert_eq!(title("2"), Some(tables[1].id));
        assert_eq!(title("Tisch 7"), None);
        assert_eq!(title("Sport"), None);
        assert_eq!(title("  "), None);
    }
}
