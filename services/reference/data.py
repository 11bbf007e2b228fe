"""Reference data as published: Tianjin's 16 districts (GB/T 2260) with their bureaus, and the key fields
of Article 6 of the measures. Loaded into the database by a data migration; code reads the tables."""

DISTRICTS = [
    ("120101", "和平区"),
    ("120102", "河东区"),
    ("120103", "河西区"),
    ("120104", "南开区"),
    ("120105", "河北区"),
    ("120106", "红桥区"),
    ("120110", "东丽区"),
    ("120111", "西青区"),
    ("120112", "津南区"),
    ("120113", "北辰区"),
    ("120114", "武清区"),
    ("120115", "宝坻区"),
    ("120116", "滨海新区"),
    ("120117", "宁河区"),
    ("120118", "静海区"),
    ("120119", "蓟州区"),
]

# Former county codes still found inside older unified social credit codes.
FORMER_DISTRICT_CODES = {"120221": "120117", "120223": "120118", "120225": "120119"}

# (code, name, group): Article 6 of the measures.
KEY_FIELDS = [
    ("next-gen-it", "新一代信息技术", "strategic"),
    ("biotech", "生物技术", "strategic"),
    ("new-energy", "新能源", "strategic"),
    ("new-materials", "新材料", "strategic"),
    ("high-end-equipment", "高端装备", "strategic"),
    ("nev", "新能源汽车", "strategic"),
    ("green", "绿色环保", "strategic"),
    ("aerospace", "航空航天", "strategic"),
    ("marine-equipment", "海洋装备", "strategic"),
    ("fair-trade", "公平贸易", "livelihood"),
    ("rural", "乡村振兴", "livelihood"),
    ("ecology", "生态环境", "livelihood"),
    ("life-health", "生命健康", "livelihood"),
    ("medical", "医疗卫生", "livelihood"),
    ("other", "其他", "other"),
]


def bureau_name(district_name: str) -> str:
    return f"天津市{district_name}市场监督管理局"
