//! The devices the trade-in page offers, its condition questions, and how a price follows
//! from them.
//!
//! Amounts are integer Rappen (centimes) throughout; they become JSON numbers in francs
//! only at the edge, where Revendo publishes them that way.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// A device the page can buy back, with its price in flawless condition.
#[derive(Debug)]
pub(crate) struct Device {
    /// The numeric product id sent in `product.id`.
    pub id: u32,
    /// A stable name for tests (`data-test="device-<slug>"`).
    pub slug: &'static str,
    /// The category the page lists it under.
    pub category: Category,
    /// The product name shown to the customer and sent in `product.name`.
    pub name: &'static str,
    /// The cash price in flawless condition, in Rappen.
    pub base: i64,
    /// Listed only when the page is opened with `&catalog=hostile`.
    pub hostile: bool,
}

/// The categories of the page, in the order it shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Category {
    Phones,
    Tablets,
    Laptops,
    Watches,
}

impl Category {
    const ALL: [Category; 4] = [Self::Phones, Self::Tablets, Self::Laptops, Self::Watches];

    fn id(self) -> &'static str {
        match self {
            Self::Phones => "phones",
            Self::Tablets => "tablets",
            Self::Laptops => "laptops",
            Self::Watches => "watches",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Phones => "Smartphones",
            Self::Tablets => "Tablets",
            Self::Laptops => "Laptops",
            Self::Watches => "Watches",
        }
    }
}

const fn chf(francs: i64) -> i64 {
    francs * 100
}

/// Every device of the sandbox. The hostile entry carries markup in its name so that tests
/// can prove that names are displayed as text everywhere.
pub(crate) const DEVICES: &[Device] = &[
    device(999, "hostile", Category::Phones, "iPhone <img src=x onerror=alert(1)> 13", 260, true),
    device(101, "iphone-13", Category::Phones, "iPhone 13 128GB", 260, false),
    device(102, "iphone-14-pro", Category::Phones, "iPhone 14 Pro 256GB", 520, false),
    device(103, "galaxy-s23", Category::Phones, "Samsung Galaxy S23 128GB", 330, false),
    device(201, "ipad-9", Category::Tablets, "iPad (9th generation) 64GB Wi-Fi", 150, false),
    device(202, "ipad-air-5", Category::Tablets, "iPad Air (5th generation) 64GB", 290, false),
    device(203, "galaxy-tab-s8", Category::Tablets, "Samsung Galaxy Tab S8 128GB", 180, false),
    device(301, "macbook-air-m1", Category::Laptops, "MacBook Air 13\" M1 256GB", 420, false),
    device(302, "macbook-pro-14", Category::Laptops, "MacBook Pro 14\" M2 Pro 512GB", 1150, false),
    device(303, "thinkpad-x1", Category::Laptops, "Lenovo ThinkPad X1 Carbon Gen 10", 480, false),
    device(401, "watch-s8", Category::Watches, "Apple Watch Series 8 45mm", 140, false),
    device(402, "watch-ultra", Category::Watches, "Apple Watch Ultra 49mm", 380, false),
    device(403, "galaxy-watch5", Category::Watches, "Samsung Galaxy Watch5 44mm", 70, false),
];

const fn device(
    id: u32,
    slug: &'static str,
    category: Category,
    name: &'static str,
    base_francs: i64,
    hostile: bool,
) -> Device {
    Device { id, slug, category, name, base: chf(base_francs), hostile }
}

/// Finds a device by its product id.
pub(crate) fn device_by_id(id: u32) -> Option<&'static Device> {
    DEVICES.iter().find(|device| device.id == id)
}

/// The state of the screen, the first condition question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Screen {
    /// No visible marks: no deduction.
    #[default]
    Flawless,
    /// Light scratches: 10 % of the base price deducted.
    Scratches,
    /// Cracked or broken: 40 % of the base price deducted.
    Cracked,
}

/// The battery's health, the second condition question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Battery {
    /// 80 % of its design capacity or more: no deduction.
    #[default]
    Good,
    /// Below 80 %: 15 % of the base price deducted.
    Weak,
}

/// Whether the original box comes with the device, the third condition question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Packaging {
    /// No box: no bonus.
    #[default]
    Missing,
    /// The original box: a bonus of 5 % of the base price, at least CHF 5.
    Included,
}

/// The customer's answers to the condition questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Answers {
    /// The screen's state.
    pub screen: Screen,
    /// The battery's health.
    pub battery: Battery,
    /// Whether the original packaging is included.
    pub packaging: Packaging,
}

/// How the customer wants to be paid: the cash price or the (higher) voucher value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Payout {
    /// Paid out in money (`final_cash`).
    #[default]
    Cash,
    /// Paid as a store voucher (`final_coupon`), about 10 % more.
    Voucher,
}

/// One line of a quote that lowers or raises the price: negative for a deduction,
/// positive for a bonus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Adjustment {
    /// What the customer sees, e.g. "Screen damage".
    pub label: String,
    /// The amount in Rappen.
    pub amount: i64,
}

/// A device's price under a set of answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pricing {
    pub base: i64,
    pub deductions: Vec<Adjustment>,
    pub bonuses: Vec<Adjustment>,
    pub cash: i64,
    pub voucher: i64,
}

/// Prices a device: deductions and bonuses are whole francs, the cash price never drops
/// below zero, and the voucher is worth 10 % more than cash, rounded to the franc.
pub(crate) fn price(device: &Device, answers: Answers) -> Pricing {
    let share = |percent: i64| whole_francs(device.base * percent / 100);
    let mut deductions = Vec::new();
    let mut bonuses = Vec::new();

    match answers.screen {
        Screen::Flawless => {}
        Screen::Scratches => deductions.push(adjustment("Screen scratches", -share(10))),
        Screen::Cracked => deductions.push(adjustment("Screen damage", -share(40))),
    }
    if answers.battery == Battery::Weak {
        deductions.push(adjustment("Weak battery", -share(15)));
    }
    if answers.packaging == Packaging::Included {
        bonuses.push(adjustment("Original packaging", share(5).max(chf(5))));
    }

    let total: i64 = deductions.iter().chain(&bonuses).map(|line| line.amount).sum();
    let cash = (device.base + total).max(0);
    let voucher = whole_francs(cash * 110 / 100);
    Pricing { base: device.base, deductions, bonuses, cash, voucher }
}

fn whole_francs(rappen: i64) -> i64 {
    (rappen + 50).div_euclid(100) * 100
}

fn adjustment(label: &str, amount: i64) -> Adjustment {
    Adjustment { label: label.to_owned(), amount }
}

/// Rappen as the JSON number in francs that Revendo publishes (`227.0`).
pub(crate) fn francs(rappen: i64) -> Value {
    json!(rappen as f64 / 100.0)
}

/// The catalogue as the page loads it: categories with their devices, and the questions
/// with their options. The hostile entry is included only when asked for.
pub(crate) fn catalogue_json(include_hostile: bool) -> Value {
    let categories: Vec<Value> = Category::ALL
        .iter()
        .map(|&category| {
            let devices: Vec<Value> = DEVICES
                .iter()
                .filter(|device| {
                    device.category == category && (include_hostile || !device.hostile)
                })
                .map(|device| {
                    json!({
                        "id": device.id,
                        "slug": device.slug,
                        "name": device.name,
                        "base": francs(device.base),
                    })
                })
                .collect();
            json!({"id": category.id(), "label": category.label(), "devices": devices})
        })
        .collect();

    json!({
        "categories": categories,
        "questions": [
            {"id": "screen", "label": "What state is the screen in?", "options": [
                {"id": "flawless", "label": "Flawless, no marks"},
                {"id": "scratches", "label": "Light scratches"},
                {"id": "cracked", "label": "Cracked or broken"},
            ]},
            {"id": "battery", "label": "How healthy is the battery?", "options": [
                {"id": "good", "label": "80 % capacity or more"},
                {"id": "weak", "label": "Below 80 % capacity"},
            ]},
            {"id": "packaging", "label": "Is the original packaging included?", "options": [
                {"id": "included", "label": "Yes, with its box"},
                {"id": "missing", "label": "No box"},
            ]},
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iphone_13() -> &'static Device {
        device_by_id(101).expect("the iPhone 13 is in the catalogue")
    }

    #[test]
    fn a_flawless_device_is_worth_its_base_price_and_the_voucher_ten_percent_more() {
        let pricing = price(iphone_13(), Answers::default());

        assert_eq!(pricing.cash, chf(260));
        assert_eq!(pricing.voucher, chf(286));
        assert!(pricing.deductions.is_empty() && pricing.bonuses.is_empty());
    }

    #[test]
    fn deductions_and_bonuses_are_whole_francs_and_add_up_to_the_cash_price() {
        let answers = Answers {
            screen: Screen::Cracked,
            battery: Battery::Weak,
            packaging: Packaging::Included,
        };

        let pricing = price(iphone_13(), answers);

        assert_eq!(
            pricing.deductions,
            [adjustment("Screen damage", -chf(104)), adjustment("Weak battery", -chf(39)),]
        );
        assert_eq!(pricing.bonuses, [adjustment("Original packaging", chf(13))]);
        assert_eq!(pricing.cash, chf(260 - 104 - 39 + 13));
        assert_eq!(pricing.voucher, chf(143));
    }

    #[test]
    fn the_hostile_device_is_listed_only_when_asked_for() {
        let listed = |hostile| catalogue_json(hostile).to_string().contains("onerror");

        assert!(listed(true));
        assert!(!listed(false));
    }
}
