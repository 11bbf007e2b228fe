"""The two PostgreSQL roles (R-43; GB/T 22239-2019 level 3 separation of duties).

- The **owner** role owns the schema and every table; migrations run as it.
- The **application** role (web, worker, beat) owns nothing. It may read and write the tables, but on the
  audit table it holds only SELECT and INSERT: no UPDATE, DELETE or TRUNCATE, and, owning nothing, it can
  neither disable the append-only trigger nor change privileges.

``grant_app_privileges`` is run by the owner after every ``migrate`` (``manage.py database_roles grant``);
``problems`` lists what is wrong with a role (``manage.py database_roles check``).
"""

AUDIT_TABLE = "accounts_auditrecord"
AUDIT_FORBIDDEN = ("UPDATE", "DELETE", "TRUNCATE")


class RoleSetupError(Exception):
    pass


def _role_exists(cursor, role: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
    return cursor.fetchone() is not None


def owned_tables(cursor, role: str) -> list[str]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tableowner = %s "
        "ORDER BY tablename",
        [role],
    )
    return [row[0] for row in cursor.fetchall()]


def grant_app_privileges(connection, role: str) -> None:
    """Give ``role`` what the application needs and no more (see the module docstring)."""
    if connection.vendor != "postgresql":
        raise RoleSetupError("数据库角色只适用于 PostgreSQL。")
    quoted = connection.ops.quote_name(role)
    with connection.cursor() as cursor:
        if not _role_exists(cursor, role):
            raise RoleSetupError(f"数据库角色 {role} 不存在：请先 CREATE ROLE {role} LOGIN PASSWORD '…'。")
        owned = owned_tables(cursor, role)
        if owned:
            raise RoleSetupError(
                f"应用角色 {role} 拥有 {len(owned)} 张表（如 {owned[0]}）：表应属于迁移所用的属主角色。"
            )
        for statement in (
            f"GRANT USAGE ON SCHEMA {connection.ops.quote_name(_schema(cursor))} TO {quoted}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {_schema(cursor)} TO {quoted}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {_schema(cursor)} TO {quoted}",
            f"REVOKE ALL ON {AUDIT_TABLE} FROM PUBLIC",
            f"REVOKE ALL ON {AUDIT_TABLE} FROM {quoted}",
            f"GRANT SELECT, INSERT ON {AUDIT_TABLE} TO {quoted}",
        ):
            cursor.execute(statement)


def _schema(cursor) -> str:
    cursor.execute("SELECT current_schema()")
    return cursor.fetchone()[0]


def problems(connection, role: str | None = None) -> list[str]:
    """What makes ``role`` (default: the connected role) unfit to run the application; empty when fit."""
    if connection.vendor != "postgresql":
        return ["数据库不是 PostgreSQL：无法用数据库权限保护审计记录。"]
    found = []
    with connection.cursor() as cursor:
        if role is None:
            cursor.execute("SELECT current_user")
            role = cursor.fetchone()[0]
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
        row = cursor.fetchone()
        if row is None:
            return [f"数据库角色 {role} 不存在。"]
        if row[0]:
            found.append(f"{role} 是超级用户。")
        owned = owned_tables(cursor, role)
        if owned:
            found.append(f"{role} 拥有 {len(owned)} 张表（如 {owned[0]}）。")
        for privilege in AUDIT_FORBIDDEN:
            cursor.execute("SELECT has_table_privilege(%s, %s, %s)", [role, AUDIT_TABLE, privilege])
            if cursor.fetchone()[0]:
                found.append(f"{role} 对审计表有 {privilege} 权限。")
    return found
