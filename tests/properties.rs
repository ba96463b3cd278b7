//! Property tests where inputs vary: excerpts never cut inside a word, safe path segments never
//! name a path, and Korean particles agree with the number as it is read aloud.

use codevs::particles::{agree, final_sound};
use codevs::text::excerpt;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// How a number is read in Sino-Korean (1,250 → 천이백오십), written independently of the
/// particle module, which only looks at the last digits.
fn sino_korean(mut n: u64) -> String {
    const DIGITS: [&str; 10] = ["", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"];
    const SMALL: [&str; 4] = ["", "십", "백", "천"];
    const BIG: [&str; 3] = ["", "만", "억"];
    if n == 0 {
        return "영".into();
    }
    let mut groups = Vec::new();
    while n > 0 {
        groups.push(n % 10_000);
        n /= 10_000;
    }
    let mut out = String::new();
    for (g, &group) in groups.iter().enumerate().rev() {
        if group == 0 {
            continue;
        }
        if group == 1 && g > 0 {
            out.push_str(BIG[g]); // 10,000 is 만, not 일만
            continue;
        }
        for p in (0..4).rev() {
            let d = (group / 10u64.pow(p)) % 10;
            if d == 0 {
                continue;
            }
            if !(d == 1 && p > 0) {
                out.push_str(DIGITS[d as usize]);
            }
            out.push_str(SMALL[p as usize]);
        }
        out.push_str(BIG[g]);
    }
    out
}

fn has_batchim(syllable: char) -> bool {
    !(syllable as u32 - 0xAC00).is_multiple_of(28)
}

proptest! {
    #[test]
    fn particles_follow_the_reading(n in 1u64..100_000_000) {
        let reading = sino_korean(n);
        let last = reading.chars().last().expect("a syllable");
        let readings = BTreeMap::new();
        let got = agree("은", final_sound(&n.to_string(), &readings));
        prop_assert_eq!(got, if has_batchim(last) { "은" } else { "는" }, "{} is read {}", n, reading);
        let ro = agree("으로", final_sound(&n.to_string(), &readings));
        let rieul = (last as u32 - 0xAC00) % 28 == 8;
        prop_assert_eq!(ro, if has_batchim(last) && !rieul { "으로" } else { "로" }, "{} is read {}", n, reading);
    }

    #[test]
    fn excerpts_end_between_words(words in prop::collection::vec("[a-z가-힣]{1,12}", 1..40), max in 8usize..200) {
        let text = words.join(" ");
        let e = excerpt(&text, max);
        prop_assert!(e.chars().count() <= max.max(1), "{} longer than {}", e, max);
        match e.strip_suffix('…') {
            None => prop_assert_eq!(&e, &text),
            Some(body) => {
                prop_assert!(text.starts_with(body), "{:?} is not a prefix of {:?}", body, text);
                // Only a first word longer than the whole excerpt is cut inside (at a character).
                let next = text[body.len()..].chars().next();
                prop_assert!(body.is_empty() || next.is_none_or(|c| c == ' ') || words[0].chars().count() + 1 > max, "cut inside a word: {:?} | {:?}", body, next);
            }
        }
    }

    #[test]
    fn safe_segments_never_name_a_path(s in "[A-Za-z0-9_./:\\\\-]{0,12}|\\PC{0,12}") {
        if codevs::load::is_safe_segment(&s) {
            prop_assert!(!s.is_empty() && s.is_ascii());
            prop_assert!(!s.contains(['/', '\\', '\0', '.', ':']));
        }
    }
}

#[test]
fn the_reading_helper_reads_like_a_person() {
    assert_eq!(sino_korean(220), "이백이십");
    assert_eq!(sino_korean(214), "이백십사");
    assert_eq!(sino_korean(10_000), "만");
    assert_eq!(sino_korean(1_250), "천이백오십");
}
