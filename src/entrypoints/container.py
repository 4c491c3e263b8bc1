"""The composition root: the one place that picks adapters from settings."""

from datetime import timedelta

from dependency_injector import containers, providers

from adapters.clock.clocks import SystemClock, Uuid7Source
from adapters.identity.accounts import IdentityAdmin
from adapters.identity.database import open_identity_database
from adapters.identity.external import build_token_verifier
from adapters.identity.key_store import KeyRingCache, SqlSigningKeyStore
from adapters.identity.provider import OpenIdProvider
from adapters.identity.throttle import LoginThrottle
from adapters.identity.turn import policy_from_seconds
from adapters.memory.sms import RecordingSmsSender
from adapters.memory.store import InMemoryStore
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from adapters.sms.africastalking import AfricasTalkingSmsSender
from adapters.sms.console import ConsoleSmsSender
from adapters.sql.database import open_database
from adapters.sql.unit_of_work import SqlUnitOfWork
from application.customers.create_customer import CreateCustomer
from application.customers.delete_customer import DeleteCustomer
from application.customers.get_customer import GetCustomer
from application.customers.list_customers import ListCustomers
from application.customers.update_customer import UpdateCustomer
from application.items.create_item import CreateItem
from application.items.delete_item import DeleteItem
from application.items.get_item import GetItem
from application.items.list_items import ListItems
from application.items.update_item import UpdateItem
from application.notifications.dispatch_notifications import DispatchNotifications
from application.notifications.list_notifications import ListNotifications
from application.notifications.record_delivery_report import RecordDeliveryReport
from application.notifications.retry_notification import RetryNotification
from application.orders.cancel_order import CancelOrder
from application.orders.create_order import CreateOrder
from application.orders.delete_order import DeleteOrder
from application.orders.get_order import GetOrder
from application.orders.list_orders import ListOrders
from application.orders.update_order import UpdateOrder
from domain.sms import DEFAULT_TEMPLATE, SmsTemplate
from entrypoints import sms
from entrypoints.dispatcher import AsyncioSignal, Dispatcher
from entrypoints.settings import Settings


class Container(containers.DeclarativeContainer):
    config = providers.Configuration()

    clock = providers.Singleton(SystemClock)
    ids = providers.Singleton(Uuid7Source)
    store = providers.Singleton(InMemoryStore)

    # The engine and its pool; the app's shutdown awaits ``container.database().dispose()``.
    database = providers.Singleton(open_database, config.database_url)
    unit_of_work = providers.Selector(
        config.storage,
        memory=providers.Factory(InMemoryUnitOfWork, store=store),
        sql=providers.Factory(SqlUnitOfWork, database=database),
    )
    sms_sender = providers.Selector(
        config.sms_backend,
        recording=providers.Singleton(RecordingSmsSender),
        console=providers.Singleton(ConsoleSmsSender),
        africastalking=providers.Singleton(
            AfricasTalkingSmsSender, providers.Callable(sms.africastalking_config, config)
        ),
    )
    notification_signal = providers.Singleton(AsyncioSignal)
    identity_database = providers.Singleton(open_identity_database, config.database_url)
    signing_key_overlap = providers.Callable(
        lambda seconds: timedelta(seconds=seconds), config.signing_key_overlap_seconds
    )
    signing_keys = providers.Singleton(
        SqlSigningKeyStore, database=identity_database, overlap=signing_key_overlap
    )
    key_ring = providers.Singleton(
        KeyRingCache, store=signing_keys, overlap=signing_key_overlap, clock=clock
    )
    # The API's verifier: our own JWT access tokens, plus those of any trusted issuer.
    token_verifier = providers.Singleton(
        build_token_verifier,
        issuer=config.issuer,
        audience=config.api_audience,
        keys=key_ring,
        clock=clock,
        trusted_issuers=config.trusted_issuers,
    )
    identity_policy = providers.Singleton(
        policy_from_seconds,
        issuer=config.issuer,
        audience=config.api_audience,
        access_token_seconds=config.access_token_seconds,
        id_token_seconds=config.id_token_seconds,
        refresh_token_seconds=config.refresh_token_seconds,
        authorization_code_seconds=config.authorization_code_seconds,
    )
    identity_provider = providers.Singleton(
        OpenIdProvider,
        database=identity_database,
        keys=key_ring,
        policy=identity_policy,
        clock=clock,
        throttle=providers.Singleton(LoginThrottle, clock=clock),
    )
    identity_admin = providers.Singleton(IdentityAdmin, database=identity_database, clock=clock)
    sms_template = providers.Singleton(
        lambda text: SmsTemplate(text or DEFAULT_TEMPLATE), config.sms_template
    )

    create_customer = providers.Factory(
        CreateCustomer,
        unit_of_work=unit_of_work.provider,
        clock=clock,
        ids=ids,
        default_region=config.default_region,
    )
    update_customer = providers.Factory(
        UpdateCustomer,
        unit_of_work=unit_of_work.provider,
        clock=clock,
        default_region=config.default_region,
    )
    delete_customer = providers.Factory(DeleteCustomer, unit_of_work=unit_of_work.provider)
    get_customer = providers.Factory(GetCustomer, unit_of_work=unit_of_work.provider)
    list_customers = providers.Factory(
        ListCustomers, unit_of_work=unit_of_work.provider, default_region=config.default_region
    )

    create_item = providers.Factory(
        CreateItem,
        unit_of_work=unit_of_work.provider,
        clock=clock,
        ids=ids,
        default_currency=config.default_currency,
    )
    update_item = providers.Factory(UpdateItem, unit_of_work=unit_of_work.provider, clock=clock)
    delete_item = providers.Factory(DeleteItem, unit_of_work=unit_of_work.provider)
    get_item = providers.Factory(GetItem, unit_of_work=unit_of_work.provider)
    list_items = providers.Factory(ListItems, unit_of_work=unit_of_work.provider)

    create_order = providers.Factory(
        CreateOrder,
        unit_of_work=unit_of_work.provider,
        clock=clock,
        ids=ids,
        template=sms_template,
        signal=notification_signal,
    )
    cancel_order = providers.Factory(CancelOrder, unit_of_work=unit_of_work.provider, clock=clock)
    update_order = providers.Factory(UpdateOrder, unit_of_work=unit_of_work.provider, clock=clock)
    delete_order = providers.Factory(DeleteOrder, unit_of_work=unit_of_work.provider)
    get_order = providers.Factory(GetOrder, unit_of_work=unit_of_work.provider)
    list_orders = providers.Factory(ListOrders, unit_of_work=unit_of_work.provider)

    dispatch_notifications = providers.Factory(
        DispatchNotifications,
        unit_of_work=unit_of_work.provider,
        sender=sms_sender,
        clock=clock,
        policy=providers.Singleton(sms.retry_policy, config),
        lease=providers.Callable(sms.lease, config),
        batch_size=config.sms_batch_size,
    )
    dispatcher = providers.Singleton(
        Dispatcher,
        dispatch=dispatch_notifications,
        signal=notification_signal,
        poll_seconds=config.sms_poll_seconds,
        batch_size=config.sms_batch_size,
    )
    record_delivery_report = providers.Factory(
        RecordDeliveryReport, unit_of_work=unit_of_work.provider, clock=clock
    )
    list_notifications = providers.Factory(ListNotifications, unit_of_work=unit_of_work.provider)
    retry_notification = providers.Factory(
        RetryNotification,
        unit_of_work=unit_of_work.provider,
        clock=clock,
        signal=notification_signal,
    )


def build_container(settings: Settings | None = None) -> Container:
    """A container configured from ``settings`` (by default, the environment and ``.env``)."""
    container = Container()
    container.config.from_dict((settings or Settings.load()).as_config())
    return container
