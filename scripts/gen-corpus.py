#!/usr/bin/env python3
"""gen-corpus.py - a deterministic corpus of news-like articles for the benchmark.

Consumes the actor lexicons (data/actors/*.jsonl) and writes N articles as
JSON Lines in the ingest format (docs/extract-format.md: id, date, lang,
title, source, text) to stdout. Half the articles are Russian, half English,
2-4 KB of text each. Sentences come from templates of our own: relation
phrasings (ambassador, meets, sanctions, supports, criticizes) with their
negations, sports and business traps that must not become relations, and
filler with numbers, quotes and dates. Russian names are put into case forms
by appending common endings (as data/recognize/endings.json strips them), so
recognition sees inflection, not only dictionary forms.

The same seed and count give byte-identical output (Python's random.Random
is specified to be reproducible for a given seed).

Usage: scripts/gen-corpus.py [-n COUNT] [--seed SEED] [--data DIR] > corpus.jsonl
"""

import argparse
import json
import os
import random
import sys

# ---- lexicon -------------------------------------------------------------


def read_jsonl(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            rows.append(json.loads(line))
    return rows


def load_actors(data):
    """Names per kind and language: {'person': {'en': [...], 'ru': [...]}, ...}."""
    kinds = {"person": "people.jsonl", "country": "countries.jsonl",
             "org": "organizations.jsonl", "company": "companies.jsonl",
             "place": "places.jsonl"}
    out = {}
    for kind, file in kinds.items():
        by_lang = {"en": [], "ru": []}
        for row in read_jsonl(os.path.join(data, "actors", file)):
            names = row.get("names", {})
            for lang in ("en", "ru"):
                forms = names.get(lang) or []
                if forms:
                    # The first name is the full one; a short variant (last)
                    # is what running text repeats.
                    by_lang[lang].append((forms[0], forms[-1]))
        out[kind] = by_lang
    capitals = {"en": [], "ru": []}
    for row in read_jsonl(os.path.join(data, "actors", "countries.jsonl")):
        for lang in ("en", "ru"):
            for m in (row.get("metonyms") or {}).get(lang) or []:
                capitals[lang].append(m)
    out["capital"] = capitals
    return out


# ---- Russian case forms ----------------------------------------------------

VOWELS = "аеёиоуыэюя"


def ru_word_case(word, case):
    """A plausible case form of one Russian name word (not a grammar)."""
    if case == "nom" or len(word) < 3 or not word[-1].isalpha():
        return word
    if word.endswith(("ых", "их", "и", "у", "ю", "е", "о")):
        return word  # indeclinable: Лукашенко, Шойгу, Мали
    if word.endswith("ия"):
        return word[:-2] + {"gen": "ии", "dat": "ии", "acc": "ию", "ins": "ией", "loc": "ии"}[case]
    if word.endswith("ая"):
        return word[:-2] + {"gen": "ой", "dat": "ой", "acc": "ую", "ins": "ой", "loc": "ой"}[case]
    if word.endswith("ий"):
        return word[:-2] + {"gen": "ого", "dat": "ому", "acc": "ого", "ins": "им", "loc": "ом"}[case]
    if word.endswith("й"):
        return word[:-1] + {"gen": "я", "dat": "ю", "acc": "я", "ins": "ем", "loc": "е"}[case]
    if word.endswith("ь"):
        return word[:-1] + {"gen": "и", "dat": "и", "acc": "ь", "ins": "ью", "loc": "и"}[case]
    if word[-1] in "ая":
        stem = word[:-1]
        soft = word[-1] == "я" or stem[-1] in "гкхжшчщ"
        return stem + {"gen": "и" if soft else "ы", "dat": "е", "acc": "ю" if word[-1] == "я" else "у",
                       "ins": "ей" if word[-1] == "я" else "ой", "loc": "е"}[case]
    if word[-1].lower() in VOWELS:
        return word
    ins = "ым" if word.endswith(("ов", "ев", "ин", "ын")) else "ом"
    return word + {"gen": "а", "dat": "у", "acc": "а", "ins": ins, "loc": "е"}[case]


def ru_case(name, case):
    words = name.split(" ")
    if len(words) == 1:
        return ru_word_case(name, case)
    if words[0].isupper() or any(w.isupper() and len(w) > 1 for w in words):
        return name  # abbreviations: СБ ООН
    # Inflect the head (first) word and adjectives before it; keep genitive tails.
    return " ".join([ru_word_case(words[0], case)] +
                    [ru_word_case(w, case) if w[:1].isupper() and i == len(words) - 2 else w
                     for i, w in enumerate(words[1:])])


# ---- templates -------------------------------------------------------------
# Placeholders: {P} {P2} person, {C} {C2} country, {O} organization, {K}
# company, {L} place, {X} capital; Russian adds a case: {P.ins}, {C.gen}.

EN = {
    "meets": [
        "{P} met {P2} in {X} on {day} to discuss {topic}.",
        "{P} held talks with {P2} on the sidelines of the {event}.",
        "On {day}, {P} and {P2} met behind closed doors for {n} hours.",
        "{P} will meet {P2} next week, officials said.",
        "{P} received {P2} at the presidential palace.",
    ],
    "ambassador": [
        "{C} ambassador to {C2} {P} was summoned to the foreign ministry.",
        "{P}, the {C} ambassador in {X}, declined to comment.",
        "The ambassador of {C} to {O}, {P}, presented his credentials on {day}.",
    ],
    "sanctions": [
        "{C} imposed sanctions on {C2} over {topic}.",
        "{O} extended sanctions against {C2} for another {n} months.",
        "{C} lifted sanctions on {K} after {n} years.",
        "The {O} announced new sanctions against {P}.",
    ],
    "supports": [
        "{P} supported the proposal put forward by {P2}.",
        "{C} backed {P2}'s plan for {topic}.",
        "{P} voiced support for {C2} during the {event}.",
    ],
    "criticizes": [
        "{P} criticized {P2} for what he called {quote}.",
        "{C} condemned {C2} over the {topic}.",
        "{P} sharply criticised {O} on {day}.",
    ],
    "negated": [
        "{P} did not meet {P2} during the visit, a spokesman said.",
        "{P} refused to support {P2} in the vote.",
        "{C} has never imposed sanctions on {C2}.",
        "A planned meeting between {P} and {P2} was cancelled.",
    ],
    "trap": [
        "{C} beat {C2} {n}-{m} in the football match at the national stadium.",
        "The {C} striker met {C2} fans after the cup semi-final.",
        "{K} named a local actor goodwill ambassador for its brand.",
        "Shares of {K} rose {n}.{m}% in {X} after quarterly results.",
        "{K} and {K2} signed a supply deal worth ${n} million.",
        "{P} was criticized by {P2} in a television interview.",
    ],
    "filler": [
        "The talks lasted {n} hours, according to a statement released on {day}.",
        "{quote_cap}, a senior official told reporters.",
        "Analysts expect inflation of {n}.{m}% by the end of the year.",
        "The ministry said {n} people had been detained and {m} released.",
        "Turnout stood at {n}.{m} percent, the election commission said on {date}.",
        "The document runs to {n} pages and was published on {date}.",
        "Negotiators will reconvene in {X} in {month}.",
        "Officials in {L} reported no incidents overnight.",
        "Trade between the two countries fell by {n}% last year to ${m} billion.",
        "The summit in {X} drew delegations from {n} countries.",
    ],
    "days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "months": ["January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December"],
    "topics": ["energy security", "the border crisis", "grain exports", "the ceasefire",
               "migration", "nuclear safety", "election monitoring", "debt relief"],
    "events": ["UN General Assembly", "G20 summit", "security conference", "economic forum"],
    "quotes": ["\"a dangerous escalation\"", "\"an unacceptable provocation\"",
               "\"a step in the right direction\"", "\"hypocrisy of the worst kind\""],
    "sources": ["Northwind Wire", "Harbour Times", "Daily Meridian", "Capital Post"],
    "titles": ["{P} and {P2} hold talks in {X}", "{C} widens sanctions on {C2}",
               "{P} criticizes {O}", "New envoy for {C}", "Markets steady as {K} reports"],
}

RU = {
    "meets": [
        "{P} встретился с {P2.ins} в {X.loc} {day}, чтобы обсудить {topic}.",
        "{P} провёл переговоры с {P2.ins} на полях {event}.",
        "{day_cap} {P} и {P2} встретились за закрытыми дверями на {n} часа.",
        "{P} встретится с {P2.ins} на следующей неделе, сообщили в аппарате.",
        "{P} принял {P2.acc} в своей резиденции.",
    ],
    "ambassador": [
        "Посол {C.gen} в {C2.loc} {P} был вызван в МИД.",
        "{P}, посол {C.gen} в {X.loc}, отказался от комментариев.",
        "Посол {C.gen} при {O} {P} вручил верительные грамоты {date}.",
    ],
    "sanctions": [
        "{C} ввела санкции против {C2.gen} из-за {topic_gen}.",
        "{O} продлил санкции против {C2.gen} ещё на {n} месяцев.",
        "{C} сняла санкции с компании {K} спустя {n} лет.",
        "{O} объявил о новых санкциях против {P2.gen}.",
    ],
    "supports": [
        "{P} поддержал предложение {P2.gen}.",
        "{C} поддержала план {P2.gen} по урегулированию.",
        "{P} выразил поддержку {C2.dat} в ходе {event}.",
    ],
    "criticizes": [
        "{P} раскритиковал {P2.acc} за {quote}.",
        "{C} осудила действия {C2.gen}.",
        "{P} резко раскритиковал {O} {date}.",
    ],
    "negated": [
        "{P} не встречался с {P2.ins} во время визита, заявил пресс-секретарь.",
        "{P} отказался поддержать {P2.acc} на голосовании.",
        "{C} никогда не вводила санкций против {C2.gen}.",
        "Запланированная встреча {P2.gen} и {P.gen} была отменена.",
    ],
    "trap": [
        "Сборная {C.gen} обыграла команду {C2.gen} со счётом {n}:{m} в матче чемпионата.",
        "Нападающий сборной {C.gen} встретился с болельщиками после полуфинала кубка.",
        "Компания {K} назначила актёра послом бренда.",
        "Акции {K} подорожали на {n},{m}% после публикации отчётности.",
        "{K} и {K2} подписали соглашение о поставках на {n} млн долларов.",
        "{P} подвергся критике со стороны {P2.gen} в телеэфире.",
    ],
    "filler": [
        "Переговоры продолжались {n} часа, говорится в заявлении, опубликованном {date}.",
        "{quote_cap}, сообщил источник в правительстве.",
        "Аналитики ожидают инфляции на уровне {n},{m}% к концу года.",
        "По данным министерства, задержаны {n} человек, {m} отпущены.",
        "Явка составила {n},{m} процента, сообщила избирательная комиссия {date}.",
        "Документ занимает {n} страниц и был опубликован {date}.",
        "Переговорщики снова соберутся в {month_loc}.",
        "Власти сообщили, что ночь прошла без происшествий.",
        "Товарооборот двух стран за год сократился на {n}% до {m} млрд долларов.",
        "На саммит съехались делегации {n} государств.",
    ],
    "days": ["в понедельник", "во вторник", "в среду", "в четверг", "в пятницу",
             "в субботу", "в воскресенье"],
    "months": ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле",
               "августе", "сентябре", "октябре", "ноябре", "декабре"],
    "month_gen": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля",
                  "августа", "сентября", "октября", "ноября", "декабря"],
    "topics": ["энергетическую безопасность", "ситуацию на границе", "экспорт зерна",
               "режим прекращения огня", "миграционный кризис"],
    "topics_gen": ["ситуации на границе", "выборов", "миграционного кризиса",
                   "ядерной программы", "задержания журналистов"],
    "events": ["Генассамблеи", "саммита G20", "конференции по безопасности",
               "экономического форума"],
    "quotes": ["«опасную эскалацию»", "«недопустимую провокацию»",
               "«шаг в правильном направлении»", "«лицемерие»"],
    "sources": ["Восточный вестник", "Северная газета", "Вечерний курьер", "Столичное обозрение"],
    "titles": ["{P} и {P2} провели переговоры", "{C} расширила санкции",
               "{P} раскритиковал {O}", "Новый посол {C.gen}", "Акции {K} выросли"],
}

# Sentence kinds and their weights: about a third of the sentences carry a
# relation, the rest is traps and filler, as in real wire copy.
MIX = [("meets", 8), ("ambassador", 4), ("sanctions", 5), ("supports", 4),
       ("criticizes", 4), ("negated", 4), ("trap", 6), ("filler", 30)]

FIELD_KIND = {"P": "person", "C": "country", "O": "org", "K": "company",
              "L": "place", "X": "capital"}


class Article:
    def __init__(self, rnd, lexicon, lang):
        self.rnd, self.lex, self.lang = rnd, lexicon, lang
        self.tpl = RU if lang == "ru" else EN
        # A story has a small cast, so actors repeat across sentences.
        self.cast = {}
        for kind, size in (("person", 4), ("country", 3), ("org", 2),
                           ("company", 2), ("place", 2)):
            pool = lexicon[kind][lang]
            self.cast[kind] = [rnd.choice(pool) for _ in range(size)] if pool else [("", "")]
        self.cast["capital"] = [(c, c) for c in
                                rnd.sample(lexicon["capital"][lang], 2)]
        self.seen = set()

    def name(self, field):
        base = field.rstrip("0123456789")
        index = int(field[len(base):] or 1) - 1
        full, short = self.cast[FIELD_KIND[base]][index % len(self.cast[FIELD_KIND[base]])]
        # The full name first, the short variant on later mentions.
        if (base, index) in self.seen and self.rnd.random() < 0.6:
            return short
        self.seen.add((base, index))
        return full

    def fill(self, template):
        rnd, tpl = self.rnd, self.tpl
        out, i = [], 0
        while i < len(template):
            if template[i] != "{":
                out.append(template[i])
                i += 1
                continue
            j = template.index("}", i)
            field = template[i + 1:j]
            i = j + 1
            case = "nom"
            if "." in field:
                field, case = field.split(".")
            if field in ("n", "m"):
                out.append(str(rnd.randint(2, 99)))
            elif field == "day":
                out.append(rnd.choice(tpl["days"]))
            elif field == "day_cap":
                day = rnd.choice(tpl["days"])
                out.append(day[0].upper() + day[1:])
            elif field == "month":
                out.append(rnd.choice(tpl["months"]))
            elif field == "month_loc":
                out.append(rnd.choice(tpl["months"]))
            elif field == "date":
                if self.lang == "ru":
                    out.append("%d %s" % (rnd.randint(1, 28), rnd.choice(tpl["month_gen"])))
                else:
                    out.append("%s %d" % (rnd.choice(tpl["months"]), rnd.randint(1, 28)))
            elif field == "topic":
                out.append(rnd.choice(tpl["topics"]))
            elif field == "topic_gen":
                out.append(rnd.choice(tpl["topics_gen"]))
            elif field == "event":
                out.append(rnd.choice(tpl["events"]))
            elif field == "quote":
                out.append(rnd.choice(tpl["quotes"]))
            elif field == "quote_cap":
                q = rnd.choice(tpl["quotes"])
                out.append(q[0] + q[1].upper() + q[2:])
            else:
                name = self.name(field)
                out.append(ru_case(name, case) if self.lang == "ru" else name)
        sentence = "".join(out)
        return sentence[0].upper() + sentence[1:]

    def sentence(self):
        kinds = [k for k, _ in MIX]
        weights = [w for _, w in MIX]
        kind = self.rnd.choices(kinds, weights)[0]
        return self.fill(self.rnd.choice(self.tpl[kind]))

    def text(self):
        target = self.rnd.randint(2000, 4000)
        paragraphs, size = [], 0
        while size < target:
            para = " ".join(self.sentence() for _ in range(self.rnd.randint(2, 4)))
            paragraphs.append(para)
            size += len(para.encode()) + 2
        return "\n\n".join(paragraphs)


def main():
    ap = argparse.ArgumentParser(description="Generate a seeded benchmark corpus (JSON Lines).")
    ap.add_argument("-n", "--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "data"))
    args = ap.parse_args()
    lexicon = load_actors(args.data)
    rnd = random.Random(args.seed)
    out = sys.stdout
    for n in range(args.count):
        lang = "ru" if n % 2 else "en"
        art = Article(rnd, lexicon, lang)
        title = art.fill(rnd.choice(art.tpl["titles"]))
        text = art.text()
        day = 1 + n % 365
        month, dom = 1 + (day - 1) // 31 % 12, 1 + (day - 1) % 28
        row = {"id": "gen-%d-%06d" % (args.seed, n), "date": "2025-%02d-%02d" % (month, dom),
               "lang": lang, "title": title, "source": rnd.choice(art.tpl["sources"]),
               "text": text}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
