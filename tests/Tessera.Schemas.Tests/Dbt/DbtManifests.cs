using Tessera.Schemas.Dbt;

namespace Tessera.Schemas.Tests.Dbt;

/// <summary>Small manifests for the dbt unit tests.</summary>
internal static class DbtManifests
{
    public const string Shop = """
        {
          "metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"},
          "nodes": {
            "model.shop.orders": {
              "resource_type": "model", "name": "orders", "database": "ANALYTICS", "schema": "Marts", "alias": "orders",
              "config": {"materialized": "table", "contract": {"enforced": true}},
              "columns": {
                "order_id": {"name": "order_id", "data_type": "integer", "description": ""},
                "customer_id": {"name": "customer_id", "data_type": "integer", "description": ""},
                "status": {"name": "status", "data_type": "varchar(20)", "description": "", "constraints": [{"type": "not_null"}]},
                "amount": {"name": "amount", "data_type": "numeric(10,2)", "description": "Total."}
              },
              "meta": {"tessera": {"consumers": [{"team": "finance", "purpose": "reporting"}], "freshness": {"warn_after": {"hours": 12}}, "volume": null}},
              "depends_on": {"nodes": ["source.shop.raw.orders"]}
            },
            "model.shop.customers": {
              "resource_type": "model", "name": "customers", "database": "analytics", "schema": "marts",
              "config": {"materialized": "view"},
              "columns": {"customer_id": {"name": "customer_id", "data_type": "integer"}}
            },
            "test.shop.not_null_orders_order_id.1": {
              "resource_type": "test", "test_metadata": {"name": "not_null", "kwargs": {"column_name": "order_id"}},
              "depends_on": {"nodes": ["model.shop.orders"]}
            },
            "test.shop.not_null_orders_customer_id.2": {
              "resource_type": "test", "column_name": "customer_id", "test_metadata": {"name": "not_null", "kwargs": {}},
              "attached_node": "model.shop.orders", "depends_on": {"nodes": ["model.shop.orders"]}
            },
            "test.shop.not_null_orders_phantom.3": {
              "resource_type": "test", "test_metadata": {"name": "not_null", "kwargs": {"column_name": "phantom"}},
              "depends_on": {"nodes": ["model.shop.orders"]}
            },
            "test.shop.unique_orders_order_id.4": {
              "resource_type": "test", "test_metadata": {"name": "unique", "namespace": null, "kwargs": {"column_name": "order_id"}},
              "depends_on": {"nodes": ["model.shop.orders"]}
            },
            "test.shop.relationships_orders_customer_id.5": {
              "resource_type": "test",
              "test_metadata": {"name": "relationships", "kwargs": {"column_name": "customer_id", "to": "ref('customers')", "field": "customer_id", "model": "{{ get_where_subquery(ref('orders')) }}"}},
              "depends_on": {"nodes": ["model.shop.customers", "model.shop.orders"]}
            },
            "test.shop.accepted_values_orders_status.6": {
              "resource_type": "test",
              "test_metadata": {"name": "accepted_values", "kwargs": {"column_name": "status", "values": ["placed", "shipped", 3]}},
              "depends_on": {"nodes": ["model.shop.orders"]}
            },
            "test.shop.is_positive_orders_amount.7": {
              "resource_type": "test", "test_metadata": {"name": "is_positive", "kwargs": {"column_name": "amount", "model": "x"}},
              "depends_on": {"nodes": ["model.shop.orders"]}
            },
            "test.shop.dbt_utils_accepted_range_orders_amount.8": {
              "resource_type": "test", "test_metadata": {"name": "accepted_range", "namespace": "dbt_utils", "kwargs": {"column_name": "amount", "min_value": 0}},
              "depends_on": {"nodes": ["model.shop.orders"]}
            },
            "test.shop.dbt_utils_accepted_range_orders_amount.9": {
              "resource_type": "test", "test_metadata": {"name": "accepted_range", "namespace": "dbt_utils", "kwargs": {"column_name": "amount", "max_value": 100000}},
              "depends_on": {"nodes": ["model.shop.orders"]}
            },
            "test.shop.assert_no_negative_orders": {
              "resource_type": "test", "name": "assert_no_negative_orders", "description": "No negative totals.",
              "raw_code": "select *\n from {{ ref('orders') }}\n where amount < 0",
              "depends_on": {"nodes": ["model.shop.orders"]}
            },
            "analysis.shop.adhoc": {"resource_type": "analysis", "name": "adhoc"}
          },
          "sources": {
            "source.shop.raw.orders": {
              "resource_type": "source", "name": "orders", "source_name": "raw", "database": "raw", "schema": "shop", "identifier": "orders",
              "columns": {"id": {"name": "id", "data_type": "bigint"}}
            }
          }
        }
        """;

    public static DbtManifest Parse(string json, string name = "manifest.json") =>
        (DbtManifest)new DbtFormat().Parse(new SchemaSource(json, name), SchemaLimits.Default);
}