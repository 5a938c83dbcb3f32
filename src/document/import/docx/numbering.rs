//! `word/numbering.xml`: list numbers as Word shows them (`1.`, `（一）`, `①`, `•`).

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::styles::attr;

#[derive(Debug, Default, Clone)]
struct Level {
    start: i64,
    format: String,
    text: String,
}

#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// numId → (abstractNumId, start overrides per level).
    nums: HashMap<String, (String, HashMap<u8, i64>)>,
    counters: HashMap<String, [i64; 9]>,
}

impl Numbering {
    pub fn parse(xml: &str) -> Self {
        let mut me = Self::default();
        let mut reader = Reader::from_str(xml);
        let mut abs: Option<String> = None;
        let mut num: Option<String> = None;
        let mut lvl: Option<(u8, Level)> = None;
        let mut override_lvl: Option<u8> = None;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                    b"abstractNum" => abs = attr(&e, b"abstractNumId"),
                    b"num" => {
                        num = attr(&e, b"numId");
                        if let Some(n) = &num {
                            me.nums.insert(n.clone(), (String::new(), HashMap::new()));
                        }
                    }
                    b"abstractNumId" => {
                        if let (Some(n), Some(v)) = (&num, attr(&e, b"val"))
                            && let Some(entry) = me.nums.get_mut(n)
                        {
                            entry.0 = v;
                        }
                    }
                    b"lvlOverride" => override_lvl = attr(&e, b"ilvl").and_then(|v| v.parse().ok()),
                    b"startOverride" => {
                        if let (Some(n), Some(l), Some(v)) = (
                            &num,
                            override_lvl,
                            attr(&e, b"val").and_then(|v| v.parse().ok()),
                        ) && let Some(entry) = me.nums.get_mut(n)
                        {
                            entry.1.insert(l, v);
                        }
                    }
                    b"lvl" if abs.is_some() => {
                        let i = attr(&e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        lvl = Some((
                            i,
                            Level {
                                start: 1,
                                ..Level::default()
                            },
                        ));
                    }
                    b"start" => {
                        if let (Some((_, l)), Some(v)) = (lvl.as_mut(), attr(&e, b"val")) {
                            l.start = v.parse().unwrap_or(1);
                        }
                    }
                    b"numFmt" => {
                        if let (Some((_, l)), Some(v)) = (lvl.as_mut(), attr(&e, b"val")) {
                            l.format = v;
                        }
                    }
                    b"lvlText" => {
                        if let (Some((_, l)), Some(v)) = (lvl.as_mut(), attr(&e, b"val")) {
                            l.text = v;
                        }
                    }
                    _ => {}
                },
                Ok(Event::End(e)) => match e.local_name().as_ref() {
                    b"lvl" => {
                        if let (Some(a), Some((i, l))) = (&abs, lvl.take()) {
                            me.abstracts.entry(a.clone()).or_default().insert(i, l);
                        }
                    }
                    b"abstractNum" => abs = None,
                    b"num" => num = None,
                    _ => {}
                },
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        me
    }

    /// The next label of list `num_id` at level `ilvl`, counting as Word does: a level's
    /// counter goes up, deeper levels start again.
    pub fn next_label(&mut self, num_id: &str, ilvl: u8) -> String {
        let ilvl = ilvl.min(8);
        let Some((abs, overrides)) = self.nums.get(num_id) else {
            return "• ".to_owned();
        };
        let Some(levels) = self.abstracts.get(abs) else {
            return "• ".to_owned();
        };
        let start = |l: u8| {
            overrides
                .get(&l)
                .copied()
                .or_else(|| levels.get(&l).map(|x| x.start))
                .unwrap_or(1)
        };
        let counters = self.counters.entry(num_id.to_owned()).or_insert([0; 9]);
        let i = usize::from(ilvl);
        counters[i] = if counters[i] == 0 {
            start(ilvl)
        } else {
            counters[i] + 1
        };
        for deeper in counters.iter_mut().skip(i + 1) {
            *deeper = 0;
        }
        let Some(level) = levels.get(&ilvl) else {
            return "• ".to_owned();
        };
        if level.format == "bullet" {
            return "• ".to_owned();
        }
        if level.format == "none" {
            return String::new();
        }
        let mut label = level.text.clone();
        for l in (0..=ilvl).rev() {
            let value = match counters[usize::from(l)] {
                0 => start(l),
                v => v,
            };
            let format = levels.get(&l).map_or("decimal", |x| x.format.as_str());
            label = label.replace(&format!("%{}", l + 1), &format_number(value, format));
        }
        if label.ends_with(['.', ')'])
            || label
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            label.push(' ');
        }
        label
    }
}

fn format_number(n: i64, format: &str) -> String {
    let n = n.max(0);
    match format {
        "lowerLetter" | "upperLetter" => {
            let c = char::from(b'a' + ((n - 1).rem_euclid(26)) as u8);
            let s = c.to_string().repeat(((n - 1) / 26 + 1) as usize);
            if format == "upperLetter" {
                s.to_uppercase()
            } else {
                s
            }
        }
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographDigital"
        | "japaneseCounting"
        | "taiwaneseCounting" => chinese(n),
        "ideographTraditional" => "甲乙丙丁戊己庚辛壬癸"
            .chars()
            .nth(((n - 1).rem_euclid(10)) as usize)
            .map_or_else(|| n.to_string(), String::from),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n as u32 - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalFullWidth" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

fn roman(mut n: i64) -> String {
    const R: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in R {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
fn chinese(n: i64) -> String {
    const D: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if !(1..10000).contains(&n) {
        return n.to_string();
    }
    let (q, b, s, g) = (n / 1000, n / 100 % 10, n / 10 % 10, n % 10);
    let mut out = String::new();
    let mut zero = false;
    for (digit, unit) in [(q, "千"), (b, "百"), (s, "十")] {
        if digit == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        if !(unit == "十" && digit == 1 && out.is_empty()) {
            out.push(D[digit as usize]);
        }
        out.push_str(unit);
    }
    if g > 0 {
        if zero {
            out.push('零');
        }
        out.push(D[g as usize]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_every_common_format() {
        assert_eq!(chinese(1), "一");
        assert_eq!(chinese(10), "十");
        assert_eq!(chinese(12), "十二");
        assert_eq!(chinese(20), "二十");
        assert_eq!(chinese(105), "一百零五");
        assert_eq!(chinese(110), "一百一十");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(2, "lowerLetter"), "b");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
    }

    #[test]
    fn multilevel_counters_restart_deeper_levels() {
        let mut n = Numbering::parse(
            r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="1">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
            </w:abstractNum><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#,
        );
        let labels: Vec<String> = [(0, "2"), (1, "2"), (1, "2"), (0, "2"), (1, "2")]
            .iter()
            .map(|(l, id)| n.next_label(id, *l))
            .collect();
        assert_eq!(labels, vec!["1. ", "1.1 ", "1.2 ", "2. ", "2.1 "]);
        assert_eq!(n.next_label("99", 0), "• ");
    }
}
